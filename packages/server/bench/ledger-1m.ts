/**
 * Benchmark: the problem ledger (台账) at province scale, through the HTTP API (issue #4).
 *
 *   npm run bench:ledger        (or: npm run bench -- ledger)
 *   BENCH_LEDGER_SITES (100,000)  BENCH_LEDGER_PROBLEMS (1,000,000)  BENCH_LEDGER_IMPORT_ROWS (100,000)  BENCH_SECONDS (10)
 *
 * A fresh embedded PostgreSQL (migrations, seed regions, demo) gets generate-problems.ts's data: the
 * sites and problems of the 002 campaign (the one with the 附件1 form and four work groups), every
 * problem valid under the campaign's rules. Then, each against a server process of its own
 * (node --import tsx src/main.ts with DATABASE_URL, JOBS_SCHEDULER=0), as the campaign office
 * (dalad.office):
 *   1. autocannon, 50 connections: GET /api/health (the ceiling) and three ledger list queries with
 *      filters (limit 50, with the total), non-2xx counted as errors;
 *   2. the 附件1 export of the whole campaign (GET /api/campaigns/{id}/ledger.xlsx) streamed to a file,
 *      the server's RSS sampled every 100 ms and its VmHWM read at the end (the server is fresh, so its
 *      peak is the export's), the rows in the file counted (must be every problem);
 *   3. the import of a BENCH_LEDGER_IMPORT_ROWS-row workbook: the export of the one township that
 *      holds that many problems (so real rows round-trip), uploaded to a fresh server (preview:
 *      POST …/ledger/import, then commit), RSS sampled the same way; every row must validate;
 *   4. ExcelJS merely reading the same workbook (exceljs-read.ts, a process of its own), for the ratios.
 * Prints a Markdown table. Everything started is stopped and the temporary directory removed, also on failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Unzip, UnzipInflate } from 'fflate';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database.js';
import { freePort, startEmbeddedPostgres, type EmbeddedPg } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { FIRST_DEADLINE, HOT_TOWNSHIP, generateLedgerData } from './generate-problems.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'packages/server/src/main.ts');
const READ_CHILD = fileURLToPath(new URL('./exceljs-read.ts', import.meta.url));
const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
};
const N_SITES = int('BENCH_LEDGER_SITES', 100_000);
const N_PROBLEMS = int('BENCH_LEDGER_PROBLEMS', 1_000_000);
const IMPORT_ROWS = Math.min(int('BENCH_LEDGER_IMPORT_ROWS', 100_000), N_PROBLEMS);
const DURATION = int('BENCH_SECONDS', 10);
const PASSWORD = 'bench-password';
const USER = 'dalad.office';
/** Rows of a 附件1 sheet besides the problems: title, 排查工作组 line, header, four notes (the blank row before the notes is not written). */
const FORM_ROWS = 7;
/** The issue's limit for the export's peak memory: 400 MB (decimal, = 381 MiB). */
const EXPORT_LIMIT = 400_000_000;

const fmt = (n: number) => n.toLocaleString('en');
const ms = (t0: number) => Math.round(performance.now() - t0);
const s1 = (msec: number) => `${(msec / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${bytes < 100 * 1048576 ? (bytes / 1048576).toFixed(1) : Math.round(bytes / 1048576)} MiB`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const log = (line: string) => process.stderr.write(`  ${line}\n`);

// ---------- processes and memory ----------

const live = new Set<ChildProcess>();

async function startServer(dataDir: string, databaseUrl: string): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', JOBS_SCHEDULER: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the server exited during start (${proc.exitCode ?? proc.signalCode})`);
    if (performance.now() - t0 > 120_000) throw new Error('the server did not become healthy in 120 s');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { proc, base };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  await done;
  clearTimeout(timer);
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** VmRSS of a process every 100 ms; stop() also reads its VmHWM (the kernel's peak since the process started). */
function watchMemory(pid: number) {
  const before = memoryOf(pid).rss;
  let sampled = before;
  const timer = setInterval(() => {
    try {
      sampled = Math.max(sampled, memoryOf(pid).rss);
    } catch {
      /* exited */
    }
  }, 100);
  return {
    before,
    stop: () => {
      clearInterval(timer);
      const m = memoryOf(pid);
      return { before, sampled: Math.max(sampled, m.rss), hwm: m.peak };
    },
  };
}

// ---------- HTTP (node:http: no client timeouts on a minutes-long export or preview) ----------

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, o: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = typeof o.body === 'string' ? Buffer.from(o.body) : o.body;
    const req = http.request(url, { method: o.method ?? 'GET', headers: { ...o.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function json<T>(r: Reply, expected: number, what: string): T {
  if (r.status !== expected) throw new Error(`${what}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 500)}`);
  return JSON.parse(r.body.toString('utf8')) as T;
}

/** GET url streamed into a file. */
function download(url: string, headers: Record<string, string>, file: string): Promise<{ bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      if (res.statusCode !== 200) {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => reject(new Error(`GET ${url}: HTTP ${res.statusCode} ${text.slice(0, 500)}`)));
        return;
      }
      pipeline(res, createWriteStream(file))
        .then(() => stat(file))
        .then((s) => resolve({ bytes: s.size }))
        .catch(reject);
    });
    req.on('error', reject);
  });
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----minewatch-bench' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function login(base: string): Promise<string> {
  const r = await request(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login as ${USER}: HTTP ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
  const set = r.headers['set-cookie']?.[0];
  if (!set) throw new Error('login: no session cookie');
  return set.split(';')[0]!;
}

async function cannon(url: string, headers: Record<string, string> = {}) {
  // A generous timeout: a slow query should show as its latency, not as a timeout error.
  const r = await autocannon({ url, connections: 50, duration: DURATION, headers, timeout: 60 });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), errors: r.errors + r.non2xx, requests: r.requests.total };
}

/**
 * Waits until PostgreSQL runs no query but this one: requests autocannon gave up on at the end of a
 * run are still being answered, and would weigh on the next measurement.
 */
async function drain(db: Db): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const n = (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()`.execute(db)).rows[0]!.n;
    if (n === 0) return ms(t0);
    if (performance.now() - t0 > 300_000) throw new Error(`PostgreSQL still runs ${n} queries 300 s after the load ended`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------- the workbook ----------

/** `<row ` elements in every worksheet of an .xlsx, streamed (a 1,000,000-row sheet is hundreds of MB of XML). */
async function countXlsxRows(file: string): Promise<{ sheets: number; rows: number }> {
  const pattern = Buffer.from('<row ');
  let sheets = 0;
  let rows = 0;
  const done: Promise<void>[] = [];
  const unzip = new Unzip((entry) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) return;
    sheets++;
    let tail = Buffer.alloc(0);
    done.push(
      new Promise<void>((resolve, reject) => {
        entry.ondata = (err, chunk, final) => {
          if (err) return reject(err);
          const buf = Buffer.concat([tail, chunk]);
          for (let at = buf.indexOf(pattern); at >= 0; at = buf.indexOf(pattern, at + pattern.length)) rows++;
          tail = buf.subarray(Math.max(0, buf.length - (pattern.length - 1)));
          if (final) resolve();
        };
      }),
    );
    entry.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(file)) unzip.push(chunk as Buffer);
  unzip.push(new Uint8Array(0), true);
  await Promise.all(done);
  return { sheets, rows };
}

function runReadChild(file: string): Promise<{ sheets: number; rows: number; ms: number; rssBefore: number; peak: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', READ_CHILD, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    live.add(proc);
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      live.delete(proc);
      if (code !== 0) reject(new Error(`exceljs-read.ts exited with ${code}`));
      else resolve(JSON.parse(out));
    });
  });
}

// ---------- the run ----------

async function main(): Promise<void> {
  const rows: string[] = [];
  const failures: string[] = [];
  const row = (measure: string, result: string) => rows.push(`| ${measure} | ${result} |`);
  row('node, load average (1/5/15 min) before', `${process.version}, ${load()}`);

  const dir = await mkdtemp(path.join(tmpdir(), 'minewatch-bench-ledger-'));
  await chmod(dir, 0o755); // the postgres system user must reach its data directory
  let pg: EmbeddedPg | null = null;
  let db: Db | null = null;
  try {
    pg = await startEmbeddedPostgres({ dataDir: dir });
    db = createDb(pg.url, 2);
    await migrate(db);
    await seedDemo(db, PASSWORD);

    // 1. Data.
    const data = await generateLedgerData(db, { sites: N_SITES, problems: N_PROBLEMS, hotRows: IMPORT_ROWS, log });
    const cid = data.campaignId;
    row(`generate ${fmt(N_SITES)} licensed mines in the 002 banner's ${data.townships.length} townships (INSERT … SELECT generate_series)`, s1(data.sitesMs));
    row(`generate ${fmt(N_PROBLEMS)} problems of the 002 campaign (4 work groups, ${data.types} types, ${data.people} responsible people; 100,000 per statement)`, s1(data.problemsMs));
    let t0 = performance.now();
    await sql`vacuum analyze site`.execute(db);
    await sql`vacuum analyze problem`.execute(db);
    row('VACUUM ANALYZE site, problem', s1(ms(t0)));
    const size = (await sql<{ p: string; s: string }>`select pg_size_pretty(pg_total_relation_size('problem')) as p, pg_size_pretty(pg_total_relation_size('site')) as s`.execute(db)).rows[0]!;
    row('table sizes (with indexes)', `problem ${size.p}, site ${size.s}`);
    const inCampaign = (await sql<{ n: number }>`select count(*)::int as n from problem where campaign_id = ${cid} and state <> 'voided'`.execute(db)).rows[0]!.n;
    if (inCampaign !== N_PROBLEMS) throw new Error(`${inCampaign} problems in the campaign, expected ${N_PROBLEMS}`);

    // 2. The list under load.
    let s = await startServer(path.join(dir, 'server-list'), pg.url);
    let cookie = await login(s.base);
    const town = data.townships[3]!;
    const site = Math.floor(N_SITES / 2) + 7;
    const queries = [
      { what: 'campaign only (the first page of the whole ledger, by deadline)', url: `/api/problems?campaignId=${cid}&limit=50` },
      { what: `campaign + township ${town.name} (region=${town.code}) + state=found,rectifying`, url: `/api/problems?campaignId=${cid}&region=${town.code}&state=found,rectifying&limit=50` },
      { what: 'campaign + work group wg_dumps + overdue=true', url: `/api/problems?campaignId=${cid}&workGroupKey=wg_dumps&overdue=true&limit=50` },
      { what: `campaign + q=基准测试${site}号 (enterprise text)`, url: `/api/problems?campaignId=${cid}&q=${encodeURIComponent(`基准测试${site}号`)}&limit=50` },
    ];
    const totals: number[] = [];
    const capped: boolean[] = [];
    const alone: number[] = [];
    for (const q of queries) {
      t0 = performance.now();
      const list = json<{ items: unknown[]; total: number; totalCapped: boolean }>(await request(s.base + q.url, { headers: { cookie } }), 200, `GET ${q.url}`);
      log(`${q.what}: total ${fmt(list.total)}, ${list.items.length} on the page, first call ${ms(t0)} ms`);
      if (list.total === 0 || list.items.length === 0) throw new Error(`GET ${q.url} found nothing: the generated data does not fit the query`);
      totals.push(list.total);
      capped.push(list.totalCapped);
      // Unloaded latency: the median of 5 calls one after another.
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        t0 = performance.now();
        json(await request(s.base + q.url, { headers: { cookie } }), 200, `GET ${q.url}`);
        times.push(performance.now() - t0);
      }
      alone.push(Math.round(times.sort((a, b) => a - b)[2]!));
    }
    const health = await cannon(`${s.base}/api/health`);
    row(`GET /api/health, 50 connections, ${DURATION} s (the ceiling on the same server)`, `p50 ${health.p50} ms, p99 ${health.p99} ms, ${fmt(health.rps)} req/s, ${health.errors} errors`);
    if (health.errors) failures.push(`/api/health: ${health.errors} errors`);
    for (const [i, q] of queries.entries()) {
      const r = await cannon(s.base + q.url, { cookie });
      const drained = await drain(db);
      if (drained > 500) log(`${q.what}: the server answered abandoned requests for ${drained} ms after the run`);
      // autocannon counts only the responses that arrive within the run: when a request takes longer
      // than the run under 50 connections, few or none complete and the percentiles say little.
      const loaded =
        r.requests === 0
          ? `no request completed in ${DURATION} s`
          : `p50 ${r.p50} ms, p99 ${r.p99} ms, ${fmt(r.rps)} req/s, ${fmt(r.requests)} completed${r.requests < 50 ? ' (fewer than the connections: raise BENCH_SECONDS)' : ''}`;
      row(
        `GET /api/problems: ${q.what}, limit 50 with total (${capped[i] ? 'more than ' : ''}${fmt(totals[i]!)} of ${fmt(N_PROBLEMS)}), 50 connections, ${DURATION} s`,
        `${loaded}, ${r.errors} errors; alone ${fmt(alone[i]!)} ms (median of 5 sequential)`,
      );
      if (r.errors) failures.push(`${q.url}: ${r.errors} errors`);
    }
    // The progress figures (L5: the campaign page and the overview widget) count every problem: one request at a time.
    for (const groupBy of ['region', 'workGroup'] as const) {
      const url = `/api/problems/progress?campaignId=${cid}&groupBy=${groupBy}`;
      const times: number[] = [];
      let total = 0;
      for (let k = 0; k < 3; k++) {
        t0 = performance.now();
        total = json<{ total: { total: number } }>(await request(s.base + url, { headers: { cookie } }), 200, `GET ${url}`).total.total;
        times.push(performance.now() - t0);
      }
      if (total !== N_PROBLEMS) log(`${url}: counted ${total} of ${N_PROBLEMS} problems`);
      row(`GET /api/problems/progress?groupBy=${groupBy} (${fmt(total)} problems counted), one request at a time`, `${fmt(Math.round(times.sort((a, b) => a - b)[1]!))} ms (median of 3)`);
    }
    // The import's workbook: the export of the township holding IMPORT_ROWS problems (not measured).
    const importFile = path.join(dir, 'import.xlsx');
    t0 = performance.now();
    const sub = await download(`${s.base}/api/campaigns/${cid}/ledger.xlsx?region=${HOT_TOWNSHIP}`, { cookie }, importFile);
    const subMs = ms(t0);
    const subRows = await countXlsxRows(importFile);
    if (subRows.rows - FORM_ROWS * subRows.sheets !== data.hotRows) throw new Error(`the export of ${HOT_TOWNSHIP} has ${subRows.rows - FORM_ROWS * subRows.sheets} problem rows, expected ${data.hotRows}`);
    await stop(s.proc);

    // 3. The export of the whole campaign, on a fresh server.
    s = await startServer(path.join(dir, 'server-export'), pg.url);
    cookie = await login(s.base);
    const exportFile = path.join(dir, 'export.xlsx');
    let mem = watchMemory(s.proc.pid!);
    t0 = performance.now();
    const exp = await download(`${s.base}/api/campaigns/${cid}/ledger.xlsx`, { cookie }, exportFile);
    const exportMs = ms(t0);
    const em = mem.stop();
    await stop(s.proc);
    t0 = performance.now();
    const counted = await countXlsxRows(exportFile);
    const exported = counted.rows - FORM_ROWS * counted.sheets;
    log(`counted ${fmt(counted.rows)} rows in ${counted.sheets} sheets of the export in ${ms(t0)} ms`);
    if (exported !== N_PROBLEMS) throw new Error(`the export has ${fmt(exported)} problem rows (${fmt(counted.rows)} rows in ${counted.sheets} sheets), expected ${fmt(N_PROBLEMS)}`);
    await rm(exportFile);
    row(
      `export GET /api/campaigns/{002}/ledger.xlsx, whole campaign, streamed to a file (${counted.sheets} sheets, ${fmt(exported)} problem rows counted in the file)`,
      `${s1(exportMs)} (${fmt(Math.round((exported * 1000) / exportMs))} rows/s), ${mb(exp.bytes)}`,
    );
    row(
      'server memory during that export (fresh process)',
      `RSS ${mb(em.before)} before, peak ${mb(em.sampled)} sampled every 100 ms, VmHWM ${mb(em.hwm)} — ${em.hwm < EXPORT_LIMIT ? 'under' : 'OVER'} the 400 MB limit`,
    );
    if (em.hwm >= EXPORT_LIMIT) failures.push(`export peak ${mb(em.hwm)} is over the 400 MB limit`);

    // 4. The import, on a fresh server.
    const bytes = await readFile(importFile);
    row(`the import's workbook: export of township ${HOT_TOWNSHIP} (region=…)`, `${fmt(data.hotRows)} rows in ${subRows.sheets} sheets, ${mb(sub.bytes)}, exported in ${s1(subMs)}`);
    s = await startServer(path.join(dir, 'server-import'), pg.url);
    cookie = await login(s.base);
    mem = watchMemory(s.proc.pid!);
    const m = multipart({ foundOn: FIRST_DEADLINE }, { name: 'ledger-import.xlsx', bytes });
    t0 = performance.now();
    const preview = json<{ previewId: string; rowCount: number; errorCount: number; errors: { sheet: string; row: number | null; column: string | null; message: string }[]; unmatchedEnterprises: string[] }>(
      await request(`${s.base}/api/campaigns/${cid}/ledger/import`, { method: 'POST', headers: { cookie, 'content-type': m.contentType }, body: m.body }),
      200,
      'import preview',
    );
    const previewMs = ms(t0);
    const afterPreview = memoryOf(s.proc.pid!).peak;
    if (preview.errorCount > 0) {
      for (const e of preview.errors.slice(0, 10)) log(`import error: ${e.sheet} row ${e.row} ${e.column}: ${e.message}`);
      throw new Error(`the import preview of the exported rows found ${preview.errorCount} errors (first above)`);
    }
    if (preview.rowCount !== data.hotRows) throw new Error(`the import preview read ${preview.rowCount} rows, expected ${data.hotRows}`);
    t0 = performance.now();
    const commit = json<{ importId: string; created: number }>(
      await request(`${s.base}/api/campaigns/${cid}/ledger/import/${preview.previewId}/commit`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ confirmEnterprises: preview.unmatchedEnterprises }),
      }),
      201,
      'import commit',
    );
    const commitMs = ms(t0);
    const im = mem.stop();
    await stop(s.proc);
    const stored = (await sql<{ n: number }>`select count(*)::int as n from problem where import_id = ${commit.importId}`.execute(db)).rows[0]!.n;
    if (commit.created !== data.hotRows || stored !== data.hotRows) throw new Error(`the import created ${commit.created} problems (${stored} stored), expected ${data.hotRows}`);
    row(
      `import preview POST …/ledger/import (multipart, ${mb(bytes.length)}): every row checked against the 002 rules, matched to townships, people and sites`,
      `${s1(previewMs)} (${fmt(Math.round((preview.rowCount * 1000) / previewMs))} rows/s), ${fmt(preview.rowCount)} rows, ${preview.errorCount} errors, ${preview.unmatchedEnterprises.length} unmatched enterprises`,
    );
    row('import commit POST …/commit (all rows in one transaction)', `${s1(commitMs)}, ${fmt(commit.created)} problems created (${fmt(stored)} in the table)`);
    row('server memory during the import (fresh process)', `RSS ${mb(im.before)} before, VmHWM ${mb(afterPreview)} after the preview, ${mb(im.hwm)} after the commit (${mb(im.sampled)} sampled)`);

    // 5. ExcelJS merely reading the same file, in a process of its own.
    const read = await runReadChild(importFile);
    if (read.rows - FORM_ROWS * read.sheets !== data.hotRows) throw new Error(`ExcelJS read ${read.rows} rows in ${read.sheets} sheets, expected ${data.hotRows} + ${FORM_ROWS} per sheet`);
    row('ExcelJS WorkbookReader reading the same file (the WorkbookReader options ledger-reader.ts passes, every row iterated, nothing else; own process)', `${s1(read.ms)}, RSS ${mb(read.rssBefore)} before, VmHWM ${mb(read.peak)}`);
    row(
      'ratio import preview / ExcelJS read',
      `time ${(previewMs / read.ms).toFixed(1)}×; peak memory ${(afterPreview / read.peak).toFixed(1)}× (VmHWM / VmHWM), ${((afterPreview - im.before) / Math.max(1, read.peak - read.rssBefore)).toFixed(1)}× above each process's RSS before (server: ${mb(afterPreview - im.before)}, reader: ${mb(read.peak - read.rssBefore)})`,
    );
    row('load average (1/5/15 min) after', load());
  } finally {
    for (const p of [...live]) await stop(p);
    await db?.destroy();
    await pg?.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    // Printed also when a step failed: the figures measured until then.
    console.log(`\n| ledger at ${fmt(N_PROBLEMS)} problems, ${fmt(N_SITES)} sites | result |\n|---|---|\n${rows.join('\n')}`);
  }
  if (failures.length) throw new Error(`the ledger benchmark ran but failed its checks: ${failures.join('; ')}`);
}

await main();
