/**
 * The notification centre: your notifications (to you and to the person you act as) with the unread
 * count, marking read one by one or up to the one you saw (audited); e-mail/SMS channels per user;
 * external delivery through a real SMTP exchange and an HTTP SMS gateway, each attempt logged; the
 * adapters are off unless configured.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsFromEnv, LogEmailAdapter, SmtpEmailAdapter, WebhookSmsAdapter } from '../src/modules/notifications/adapters.js';
import { createNotifier, type NotificationInput } from '../src/modules/notifications/notifier.js';
import { json, testApp, type TestApp } from './harness.js';
import { startSmtpSink } from './smtp-sink.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
const send = (u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const users: Record<string, { id: string; personId: string | null; region: string | null }> = {};
const inApp = createNotifier({ email: null, sms: null, appUrl: null });

async function notify(items: NotificationInput[]): Promise<string[]> {
  return t.db.transaction().execute((trx) => inApp.notify(trx, items));
}
const note = (recipient: NotificationInput['recipient'], title: string, regionCode = '150621'): NotificationInput => ({
  recipient,
  kind: 'test.notice',
  title: { zh: title, en: `EN ${title}` },
  body: { zh: '正文', en: 'Body' },
  link: '/problems',
  regionCode,
});

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.forestry', 'dalad.leader', 'kelan.office']) {
    cookies[u] = await t.login(u);
    const r = await t.db.selectFrom('app_user').select(['id', 'person_id', 'region_code']).where('username', '=', u).executeTakeFirstOrThrow();
    users[u] = { id: r.id, personId: r.person_id, region: r.region_code };
  }
  expect(users['dalad.office']!.personId).not.toBeNull(); // 杨华
}, 120_000);
afterAll(() => t?.close());

describe('your notifications', () => {
  let mine: string[];
  it('lists those to you and to the person you act as, newest first, with the unread count', async () => {
    mine = await notify([note({ userId: users['dalad.office']!.id }, '给办公室的通知'), note({ personId: users['dalad.office']!.personId! }, '给杨华的通知')]);
    await notify([note({ userId: users['dalad.forestry']!.id }, '给林草局的通知'), note({ userId: users['kelan.office']!.id }, '给岢岚的通知', '140929')]);
    const res = await send('dalad.office', 'GET', '/api/notifications');
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.total).toBe(2);
    expect(body.unread).toBe(2);
    expect(body.items.map((n: any) => n.title.zh).sort()).toEqual(['给办公室的通知', '给杨华的通知']);
    expect(body.items[0]).toMatchObject({ kind: 'test.notice', body: { zh: '正文', en: 'Body' }, link: '/problems', itemCount: 1, readAt: null });
    expect(json(await send('kelan.office', 'GET', '/api/notifications')).items.map((n: any) => n.title.zh)).toEqual(['给岢岚的通知']);
    expect(json(await send('dalad.leader', 'GET', '/api/notifications')).total).toBe(0);
  });

  it('marks one read, once, with an audit row', async () => {
    const res = await send('dalad.office', 'POST', `/api/notifications/${mine[0]}/read`);
    expect(res.statusCode, res.body).toBe(200);
    const readAt = json(res).readAt;
    expect(readAt).not.toBeNull();
    const again = await send('dalad.office', 'POST', `/api/notifications/${mine[0]}/read`);
    expect(json(again).readAt).toBe(readAt);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'actor_label']).where('entity_type', '=', 'notification').where('entity_id', '=', mine[0]!).execute();
    expect(audit).toEqual([{ action: 'notification.read', actor_label: 'dalad.office' }]);
    const list = json(await send('dalad.office', 'GET', '/api/notifications?unread=true'));
    expect([list.total, list.unread, list.items.length]).toEqual([1, 1, 1]);
  });

  it("answers 404 for someone else's notification and 403 to the read-only leader", async () => {
    const [forestry] = await t.db.selectFrom('notification').select('id').where('recipient_user_id', '=', users['dalad.forestry']!.id).execute();
    expect((await send('dalad.office', 'POST', `/api/notifications/${forestry!.id}/read`)).statusCode).toBe(404);
    expect((await send('kelan.office', 'POST', `/api/notifications/${mine[1]}/read`)).statusCode).toBe(404);
    expect((await send('dalad.leader', 'POST', `/api/notifications/${mine[1]}/read`)).statusCode).toBe(403);
    expect((await send('dalad.office', 'POST', '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });

  it('marks read up to the one you saw; a newer one stays unread', async () => {
    const [older] = await notify([note({ userId: users['dalad.office']!.id }, '较早的通知')]);
    const [seen] = await notify([note({ userId: users['dalad.office']!.id }, '看到的通知')]);
    const [newer] = await notify([note({ userId: users['dalad.office']!.id }, '随后到达的通知')]);
    const res = await send('dalad.office', 'POST', '/api/notifications/read-all', { upToId: seen });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ marked: 3, unread: 1 }); // 给杨华的通知, 较早的, 看到的
    const rows = await t.db.selectFrom('notification').select(['id', 'read_at']).where('id', 'in', [older!, seen!, newer!]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.read_at !== null]))).toEqual({ [older!]: true, [seen!]: true, [newer!]: false });
    const ev = await t.db.selectFrom('audit_event').select('after').where('action', '=', 'notification.read').where('entity_id', '=', seen!).executeTakeFirstOrThrow();
    expect(ev.after).toMatchObject({ readAll: true, count: 3 });
    expect((await send('kelan.office', 'POST', '/api/notifications/read-all', { upToId: newer })).statusCode).toBe(404);
  });
});

describe('e-mail and SMS channels', () => {
  it('are off by default and set by the user or the office of the region', async () => {
    const own = await send('dalad.forestry', 'GET', `/api/notifications/channels/${users['dalad.forestry']!.id}`);
    expect(own.statusCode).toBe(200);
    expect(json(own)).toEqual({ userId: users['dalad.forestry']!.id, email: null, emailEnabled: false, sms: null, smsEnabled: false, personPhone: null, emailAvailable: false, smsAvailable: false });
    const set = await send('dalad.forestry', 'PUT', `/api/notifications/channels/${users['dalad.forestry']!.id}`, { email: ' liu@dalad.example.cn ', emailEnabled: true, sms: '13900001234', smsEnabled: false });
    expect(set.statusCode, set.body).toBe(200);
    expect(json(set)).toMatchObject({ email: 'liu@dalad.example.cn', emailEnabled: true, sms: '13900001234', smsEnabled: false });
    // The office of the region may set them; another member unit may not; another region does not see the user.
    expect((await send('dalad.office', 'PUT', `/api/notifications/channels/${users['dalad.forestry']!.id}`, { email: null, emailEnabled: false, sms: null, smsEnabled: false })).statusCode).toBe(200);
    expect((await send('dalad.forestry', 'PUT', `/api/notifications/channels/${users['dalad.office']!.id}`, { email: null, emailEnabled: false, sms: null, smsEnabled: false })).statusCode).toBe(403);
    expect((await send('kelan.office', 'GET', `/api/notifications/channels/${users['dalad.office']!.id}`)).statusCode).toBe(404);
    expect((await send('dalad.leader', 'PUT', `/api/notifications/channels/${users['dalad.leader']!.id}`, { email: null, emailEnabled: false, sms: null, smsEnabled: false })).statusCode).toBe(403);
    const audit = await t.db.selectFrom('audit_event').select('actor_label').where('action', '=', 'notification.channels').orderBy('seq').execute();
    expect(audit.map((a) => a.actor_label)).toEqual(['dalad.forestry', 'dalad.office']);
  });

  it('refuses bad settings field by field', async () => {
    const id = users['dalad.office']!.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-address', emailEnabled: true, sms: null, smsEnabled: false }, 'body.email'],
      [{ email: null, emailEnabled: true, sms: null, smsEnabled: false }, 'body.email'],
      [{ email: null, emailEnabled: false, sms: null, smsEnabled: true }, 'body.sms'], // 杨华's record has no phone
      [{ email: null, emailEnabled: false, sms: 'call me', smsEnabled: true }, 'body.sms'],
      [{ email: null, emailEnabled: false, sms: null }, 'body.smsEnabled'],
    ];
    for (const [body, path] of cases) {
      const res = await send('dalad.office', 'PUT', `/api/notifications/channels/${id}`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error.details.map((d: any) => d.path), res.body).toContain(path);
    }
  });

  it('switch on only through valid settings of the environment', () => {
    const log = { info: () => {} };
    expect(channelsFromEnv({}, log)).toEqual({ email: null, sms: null, appUrl: null });
    expect(channelsFromEnv({ NOTIFY_EMAIL: 'log', NOTIFY_SMS: 'log', APP_URL: 'https://mw.example.cn/' }, log)).toMatchObject({ email: { name: 'log' }, sms: { name: 'log' }, appUrl: 'https://mw.example.cn' });
    expect(() => channelsFromEnv({ NOTIFY_EMAIL: 'smtp' }, log)).toThrow(/SMTP_URL must be set/);
    expect(() => channelsFromEnv({ NOTIFY_EMAIL: 'smtp', SMTP_URL: 'http://x', SMTP_FROM: 'a@b.c' }, log)).toThrow(/SMTP_URL must start with smtp/);
    expect(() => channelsFromEnv({ NOTIFY_EMAIL: 'sendmail' }, log)).toThrow(/NOTIFY_EMAIL must be one of off, smtp, log/);
    expect(() => channelsFromEnv({ NOTIFY_SMS: 'webhook' }, log)).toThrow(/SMS_WEBHOOK_URL must be set/);
    expect(channelsFromEnv({ NOTIFY_EMAIL: 'smtp', SMTP_URL: 'smtp://u:p@127.0.0.1:2525', SMTP_FROM: 'mw@example.cn', NOTIFY_SMS: 'webhook', SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' }, log)).toMatchObject({ email: { name: 'smtp' }, sms: { name: 'webhook' } });
  });

  it('deliver by SMTP and an SMS gateway, logging each attempt; a person without a login is texted on the phone of the record', async () => {
    const sink = await startSmtpSink();
    const texts: { to: string; text: string }[] = [];
    let gatewayStatus = 200;
    const gateway: Server = createServer((req: IncomingMessage, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        texts.push(JSON.parse(b));
        res.statusCode = gatewayStatus;
        res.end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}/sms`;
    const email = new SmtpEmailAdapter(`smtp://127.0.0.1:${sink.port}`, '矿产资源执法监管平台 <noreply@minewatch.example.cn>', { timeoutMs: 5000 });
    try {
      const notifier = createNotifier({ email, sms: new WebhookSmsAdapter(gatewayUrl), appUrl: 'https://mw.example.cn' });
      // dalad.office: e-mail on, SMS off. A person of 达拉特旗 with a phone and no login.
      expect((await send('dalad.office', 'PUT', `/api/notifications/channels/${users['dalad.office']!.id}`, { email: 'office@dalad.example.cn', emailEnabled: true, sms: null, smsEnabled: false })).statusCode).toBe(200);
      const p = await send('dalad.office', 'POST', '/api/org/people', { regionCode: '150621', name: '短信通知测试人', phone: '13900005678' });
      expect(p.statusCode, p.body).toBe(201);
      const ids = await notify([
        { ...note({ userId: users['dalad.office']!.id }, '您负责的 2 个问题已超期'), link: '/problems/abc' },
        note({ personId: json(p).id }, '整改期限已过'),
        note({ userId: users['dalad.forestry']!.id }, '林草局无外部渠道'),
      ]);
      const report = await notifier.deliverExternal(t.db, ids);
      expect(report).toEqual({ emailSent: 1, smsSent: 1, failed: 0 });
      expect(sink.mails).toHaveLength(1);
      const mail = sink.mails[0]!;
      expect(mail.to).toEqual(['office@dalad.example.cn']);
      expect(mail.from).toBe('noreply@minewatch.example.cn');
      const text = decodeMail(mail.data);
      expect(text.subject).toBe('您负责的 2 个问题已超期 / EN 您负责的 2 个问题已超期');
      expect(text.body).toContain('正文');
      expect(text.body).toContain('https://mw.example.cn/problems/abc');
      expect(texts).toEqual([{ to: '13900005678', text: '【矿产资源执法监管平台】整改期限已过：正文 https://mw.example.cn/problems' }]);
      gatewayStatus = 503;
      const failed = await notifier.deliverExternal(t.db, [ids[1]!]);
      expect(failed).toEqual({ emailSent: 0, smsSent: 0, failed: 1 });
      // Rows of one delivery share their timestamp: order by what they are.
      const log = await t.db.selectFrom('notification_delivery').select(['channel', 'adapter', 'address', 'status', 'error']).orderBy('status', 'desc').orderBy('channel').execute();
      expect(log).toEqual([
        { channel: 'email', adapter: 'smtp', address: 'office@dalad.example.cn', status: 'sent', error: null },
        { channel: 'sms', adapter: 'webhook', address: '13900005678', status: 'sent', error: null },
        { channel: 'sms', adapter: 'webhook', address: '13900005678', status: 'failed', error: 'SMS gateway answered 503 Service Unavailable' },
      ]);
      // With every adapter off, nothing leaves the app.
      expect(await inApp.deliverExternal(t.db, ids)).toEqual({ emailSent: 0, smsSent: 0, failed: 0 });
      // The log adapter says what it would send, and delivery rows name it.
      const lines: string[] = [];
      const logged = createNotifier({ email: new LogEmailAdapter({ info: (_o, m) => lines.push(m) }), sms: null, appUrl: null });
      expect(await logged.deliverExternal(t.db, [ids[0]!])).toEqual({ emailSent: 1, smsSent: 0, failed: 0 });
      expect(lines).toEqual(['e-mail (log adapter, not sent)']);
    } finally {
      email.close();
      await sink.close();
      await new Promise<void>((r) => gateway.close(() => r()));
    }
  });
});

/** Subject (RFC 2047 encoded words) and text body (quoted-printable or base64) of a raw message. */
function decodeMail(raw: string): { subject: string; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const subjectRaw = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectRaw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, txt: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(txt, 'base64').toString('utf8') : Buffer.from(txt.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
  const cte = /^Content-Transfer-Encoding: (\S+)/im.exec(unfolded)?.[1]?.toLowerCase();
  const bodyRaw = rest.join('\r\n\r\n');
  const body =
    cte === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(bodyRaw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : bodyRaw;
  return { subject, body };
}
