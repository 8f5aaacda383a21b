import { createTransport, type Transporter } from 'nodemailer';

/**
 * Channels outside the app. In-app notifications are always on; these are off unless configured:
 *
 *   NOTIFY_EMAIL = off (default) | smtp | log     SMTP_URL = smtp(s)://user:pass@host:port, SMTP_FROM = sender
 *   NOTIFY_SMS   = off (default) | webhook | log  SMS_WEBHOOK_URL = https://… (your SMS gateway or relay)
 *   APP_URL      = https://minewatch.example.gov.cn (to turn app paths into links in messages)
 *
 * `smtp` sends through nodemailer (a plain npm package; nothing is fetched at run time). There is no
 * vendor SMS adapter (阿里云/腾讯云 need their signed HTTP APIs and accounts): `webhook` POSTs
 * {"to","text"} as JSON to a gateway you run; `log` only writes the message to the server log, for
 * trying the set-up out.
 */

/** The one logger method the log adapters use (pino's info fits). */
export interface InfoLog {
  info(obj: object, msg: string): void;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}
export interface EmailAdapter {
  /** Recorded with each delivery (notification_delivery.adapter). */
  readonly name: string;
  send(m: EmailMessage): Promise<void>;
  close?(): void;
}

export interface SmsMessage {
  to: string;
  text: string;
}
export interface SmsAdapter {
  readonly name: string;
  send(m: SmsMessage): Promise<void>;
}

/** E-mail through an SMTP server: smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start). */
export class SmtpEmailAdapter implements EmailAdapter {
  readonly name = 'smtp';
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
    opts: { timeoutMs?: number } = {},
  ) {
    const u = new URL(url);
    const secure = u.protocol === 'smtps:';
    const t = opts.timeoutMs ?? 15_000;
    this.transport = createTransport({
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
    });
  }
  async send(m: EmailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
  }
  close(): void {
    this.transport.close();
  }
}

/** Writes e-mails to the log instead of sending them (say so: delivery rows carry adapter "log"). */
export class LogEmailAdapter implements EmailAdapter {
  readonly name = 'log';
  constructor(private readonly log: InfoLog) {}
  async send(m: EmailMessage): Promise<void> {
    this.log.info({ to: m.to, subject: m.subject }, 'e-mail (log adapter, not sent)');
  }
}

/** SMS through an HTTP gateway: POST {"to","text"}; any non-2xx answer is a failed delivery. */
export class WebhookSmsAdapter implements SmsAdapter {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 15_000,
  ) {}
  async send(m: SmsMessage): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: m.to, text: m.text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status} ${res.statusText}`);
  }
}

export class LogSmsAdapter implements SmsAdapter {
  readonly name = 'log';
  constructor(private readonly log: InfoLog) {}
  async send(m: SmsMessage): Promise<void> {
    this.log.info({ to: m.to, length: m.text.length }, 'SMS (log adapter, not sent)');
  }
}

export interface ChannelConfig {
  email: EmailAdapter | null;
  sms: SmsAdapter | null;
  /** Base URL for links in messages; null: app paths are sent as they are. */
  appUrl: string | null;
}

/** The adapters the environment switches on; throws with the variable's name on a bad setting. */
export function channelsFromEnv(env: NodeJS.ProcessEnv, log: InfoLog): ChannelConfig {
  const mode = (name: string, allowed: string[]) => {
    const v = (env[name] ?? 'off').trim() || 'off';
    if (!allowed.includes(v)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
    return v;
  };
  const need = (name: string) => {
    const v = env[name]?.trim();
    if (!v) throw new Error(`${name} must be set when ${name.startsWith('SMTP') ? 'NOTIFY_EMAIL=smtp' : 'NOTIFY_SMS=webhook'}`);
    return v;
  };
  const emailMode = mode('NOTIFY_EMAIL', ['off', 'smtp', 'log']);
  const smsMode = mode('NOTIFY_SMS', ['off', 'webhook', 'log']);
  let email: EmailAdapter | null = null;
  if (emailMode === 'smtp') {
    const url = need('SMTP_URL');
    if (!/^smtps?:\/\//.test(url)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
    email = new SmtpEmailAdapter(url, need('SMTP_FROM'));
  } else if (emailMode === 'log') email = new LogEmailAdapter(log);
  let sms: SmsAdapter | null = null;
  if (smsMode === 'webhook') {
    const url = need('SMS_WEBHOOK_URL');
    if (!/^https?:\/\//.test(url)) throw new Error('SMS_WEBHOOK_URL must be an http(s) URL');
    sms = new WebhookSmsAdapter(url);
  } else if (smsMode === 'log') sms = new LogSmsAdapter(log);
  const appUrl = env.APP_URL?.trim().replace(/\/+$/, '') || null;
  return { email, sms, appUrl };
}
