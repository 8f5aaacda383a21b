import type { Writable } from 'node:stream';
import {
  cellText,
  isWithinRegion,
  matchKey,
  matchWorkGroup,
  problemTypeOf,
  scopePrefix,
  splitPersonContact,
  validateLedgerRow,
  type Campaign,
  type HeaderMap,
  type LedgerCellError,
  type LedgerPreview,
  type LedgerPreviewRow,
  type LedgerTemplate,
  type ProblemSource,
  type Rank,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import { AppError, notFound } from '../../errors.js';
import { todayInChina } from '../../clock.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import * as problemsRepo from '../problems/problems.repository.js';
import type { ProblemFilter } from '../problems/problems.progress.js';
import { headerKey, LEDGER_KEYS, streamLedgerWorkbook, type RawLedgerRow } from './ledger-reader.js';
import { LEDGER_COLUMNS, writeLedgerWorkbook, type LedgerRow } from './ledger-workbook.js';
import * as repo from './ledger.repository.js';
import { XlsxError } from './xlsx-normalise.js';

/**
 * The campaign's 附件1 template, when it is the nine-column form the workbook writer and reader know
 * (002's; a campaign copied from it or set up with the same columns). Otherwise 409: the export and
 * import are of that form only.
 */
function ledgerTemplate(campaign: Campaign): LedgerTemplate {
  const t = campaign.templates.ledger;
  if (!t) throw new AppError('CONFLICT', `本行动没有台账模板（附件1），不能导入导出台账 (campaign ${campaign.key} has no ledger template; add one with PATCH /api/campaigns/{id})`);
  const cols = t.columns.map(headerKey);
  const known = LEDGER_COLUMNS.map((c) => headerKey(c.header));
  if (cols.length !== known.length || cols.some((c, i) => c !== known[i])) {
    throw new AppError('CONFLICT', `台账模板的列与附件1不同，只支持附件1的九列 (the ledger template's columns are not the nine 附件1 columns: ${t.columns.join(' | ')})`);
  }
  return t;
}

// ---------- export ----------

const BATCH = 2000;

/** Checks before any byte is sent: the campaign is visible and has the 附件1 template. */
export async function prepareExport(db: Db, actor: Actor, campaignId: string): Promise<{ campaign: Campaign; id: string; title: string }> {
  const { campaign, row } = await loadCampaign(db, actor, campaignId);
  const t = ledgerTemplate(campaign);
  return { campaign, id: row.id, title: t.title };
}

/**
 * Streams the 附件1 workbook of a campaign's problems in the actor's scope (the list's filters; voided
 * problems only when asked for by state): one sheet per work group in the campaign's order, every
 * group even when empty (the form each group fills in), then problems without a group if any.
 * Rows come from the database in keyset batches, so memory stays flat at any size.
 */
export async function writeLedger(db: Db, actor: Actor, prepared: { campaign: Campaign; id: string }, f: ProblemFilter, out: Writable): Promise<{ rows: number }> {
  const { campaign, id } = prepared;
  const t = ledgerTemplate(campaign);
  const today = todayInChina();
  const filter: ProblemFilter = { ...f, campaignId: id, state: f.state ?? ['found', 'rectifying', 'submitted', 'returned', 'closed'] };
  const typeName = (code: string) => problemTypeOf(campaign, code)?.name ?? code;
  async function* rows(group: string | null): AsyncIterable<LedgerRow> {
    let after: repo.LedgerKey | null = null;
    for (;;) {
      const batch = await repo.ledgerBatch(db, actor.scope, filter, group, today, after, BATCH);
      for (const r of batch) {
        yield {
          enterprise: r.enterprise || r.site_name || '',
          township: r.township ?? '',
          methodMineral: r.method_mineral,
          problemType: typeName(r.type_code),
          found: r.description,
          measures: r.measures,
          deadline: r.deadline,
          responsible: r.responsible_text,
        };
      }
      if (batch.length < BATCH) return;
      const last = batch[batch.length - 1]!;
      after = { region: last.region_code, deadline: last.deadline, id: last.id };
    }
  }
  const sheets = campaign.workGroups.map((g) => ({ workGroup: g.name, rows: rows(g.key) }));
  const used = await repo.groupsInUse(db, actor.scope, filter, today);
  if (campaign.workGroups.length === 0 || used.includes(null)) sheets.push({ workGroup: campaign.workGroups.length ? '未分工作组' : '', rows: rows(null) });
  return writeLedgerWorkbook(out, { title: t.title, notes: t.notes, sheets });
}

// ---------- import ----------

export interface ImportOptions {
  fileName: string;
  foundOn?: string | undefined;
  source?: ProblemSource | undefined;
}

/** A checked row: what the API shows, and what else the commit needs (written to ledger_import_row). */
interface StoredRow extends LedgerPreviewRow {
  responsibleUnitId: string | null;
  contact: string | null;
}

const ROWS_SHOWN = 1000;
const ERRORS_SHOWN = 5000;
const TOWN_SUFFIX = /(?:镇|乡|苏木|街道办事处|街道|民族乡)$/;

/** 行政区域(苏木镇) → region code: townships (and county-level areas) of the campaign in the actor's scope, by name with or without 镇/乡/苏木/街道. */
async function townshipResolver(db: Db, actor: Actor, campaign: Campaign): Promise<(name: string) => string | null> {
  const regions = (await problemsRepo.townshipsBelow(db, scopePrefix(campaign.regionCode)))
    .filter((r) => inScope(actor.scope, r.code) && campaign.scopeCodes.some((s) => isWithinRegion(r.code, s)));
  const byName = new Map<string, Set<string>>();
  const add = (k: string, code: string) => byName.set(k, (byName.get(k) ?? new Set()).add(code));
  for (const r of regions) {
    add(matchKey(r.name), r.code);
    add(matchKey(r.name.replace(TOWN_SUFFIX, '')), r.code);
  }
  return (name) => {
    const hit = byName.get(matchKey(name)) ?? byName.get(matchKey(name.replace(TOWN_SUFFIX, '')));
    return hit && hit.size === 1 ? [...hit][0]! : null;
  };
}

type PersonRow = Awaited<ReturnType<typeof problemsRepo.peopleNamed>>[number];

/** The one person record a name (and the written position) means in the campaign's region, or why not. */
function pickPerson(candidates: PersonRow[], position: string): { person: PersonRow | null; ambiguous: boolean } {
  if (candidates.length <= 1) return { person: candidates[0] ?? null, ambiguous: false };
  const pos = matchKey(position);
  const fits = pos ? candidates.filter((c) => matchKey(c.position) && (matchKey(c.position).includes(pos) || pos.includes(matchKey(c.position)))) : [];
  if (fits.length === 1) return { person: fits[0]!, ambiguous: false };
  return { person: candidates[0]!, ambiguous: true };
}

/**
 * Previews running at once in this process. Each holds a transaction, so a pooled connection, for
 * as long as it reads the workbook (9–16 s for 100,000 rows; the pool has 10): a third is refused
 * with 429 and Retry-After rather than queued behind them or starving every other request.
 */
export const MAX_PREVIEWS = 2;
const PREVIEW_RETRY_AFTER_SECONDS = 15;
let previewsRunning = 0;

/** A place among the MAX_PREVIEWS previews, or 429; the function returned gives it back (once). */
function previewSlot(): () => void {
  if (previewsRunning >= MAX_PREVIEWS) {
    throw new AppError(
      'THROTTLED',
      `已有 ${MAX_PREVIEWS} 个台账导入预览正在进行，请 ${PREVIEW_RETRY_AFTER_SECONDS} 秒后重试 (${MAX_PREVIEWS} ledger import previews are already running; try again in ${PREVIEW_RETRY_AFTER_SECONDS} seconds)`,
      undefined,
      { 'retry-after': String(PREVIEW_RETRY_AFTER_SECONDS) },
    );
  }
  previewsRunning++;
  let held = true;
  return () => {
    if (held) (held = false), previewsRunning--;
  };
}

/** Rows per INSERT into ledger_import_row (about a megabyte of JSON), and rows checked between two people look-ups. */
const ROW_BATCH = 2000;
type PreviewError = LedgerCellError & { sheet: string };

/**
 * Step 1 of a 附件1 import: reads the workbook as officials fill it (ledger-reader.ts), checks every
 * row with core's ledger rules and the campaign's (validateLedgerRow: method, type, deadline, person
 * and rank, phone), matches townships, people and registry sites, and keeps the result as a preview.
 * Nothing enters the ledger. Errors name the sheet, row and column.
 *
 * Memory does not grow with the workbook: rows are read one by one, checked in chunks of ROW_BATCH
 * (the people a chunk names looked up once per name), and written to ledger_import_row in the
 * preview's transaction as they come. Only the rows the response shows, the first ERRORS_SHOWN
 * errors (the count is exact) and the distinct enterprise names stay in memory; the registry sites
 * are matched once every name is known, as before, and kept per name in ledger_import_site. A
 * preview with errors can never be committed, so its rows are not kept.
 */
export async function previewImport(db: Db, actor: Actor, campaignId: string, input: Uint8Array, o: ImportOptions): Promise<LedgerPreview> {
  const release = previewSlot();
  try {
    return await preview(db, actor, campaignId, input, o);
  } finally {
    release();
  }
}

/** previewImport's work, once it has its place among the previews running. */
async function preview(db: Db, actor: Actor, campaignId: string, input: Uint8Array, o: ImportOptions): Promise<LedgerPreview> {
  const { campaign, row: campaignRow } = await loadCampaign(db, actor, campaignId, { inScopeOnly: true });
  const template = ledgerTemplate(campaign);
  const foundOn = o.foundOn ?? todayInChina();
  const header: HeaderMap = { index: Object.fromEntries(template.columns.map((c, i) => [c, i])), errors: [] };
  const resolveTownship = await townshipResolver(db, actor, campaign);
  const [, , , , TYPE, , , , PERSON] = template.columns as unknown as string[];

  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.insertPreview(trx, { campaignId: campaignRow.id, campaignVersion: campaignRow.version, userId: actor.userId, regionCode: campaign.regionCode, fileName: o.fileName, foundOn, source: o.source ?? 'survey' });
    const reading = streamLedgerWorkbook(input);

    // Errors of the rows (and of their sheets' work-group lines), in order: the first ERRORS_SHOWN and the count.
    const rowErrors: PreviewError[] = [];
    let rowErrorCount = 0;
    const addErrors = (es: PreviewError[]) => {
      rowErrorCount += es.length;
      for (const e of es) if (rowErrors.length < ERRORS_SHOWN) rowErrors.push(e);
    };
    const clean = () => reading.issues.length === 0 && rowErrorCount === 0;

    // The work group of each sheet, from its "排查工作组：" line.
    const sheetGroup = new Map<string, string | null>();
    const groupOf = (r: RawLedgerRow): string | null => {
      if (sheetGroup.has(r.sheet)) return sheetGroup.get(r.sheet)!;
      let key: string | null = null;
      if (campaign.workGroups.length > 0) {
        if (!r.workGroup) {
          addErrors([{ sheet: r.sheet, row: null, column: template.groupLabel, message: `表头上方缺少“${template.groupLabel}”行`, messageEn: 'the work-group line above the header is missing' }]);
        } else {
          const g = matchWorkGroup(campaign, template, r.workGroup);
          if (g.ok) key = g.key;
          else addErrors([{ sheet: r.sheet, row: null, column: template.groupLabel, message: g.message, messageEn: g.messageEn }]);
        }
      }
      sheetGroup.set(r.sheet, key);
      return key;
    };

    const regionPrefix = scopePrefix(campaign.regionCode);
    const byPerson = new Map<string, PersonRow[]>();
    /** 矿山企业 as written (cell text), for the registry look-up at the end. */
    const enterpriseNames = new Set<string>();
    /** Each row's enterprise, in order of first appearance. */
    const enterprises = new Set<string>();
    const shown: StoredRow[] = [];
    let rowCount = 0;
    let written = 0;
    let batch: repo.ImportRowWrite[] = [];
    // One batch is written while the next is read and checked (PostgreSQL works while Node does).
    // If a write fails, PostgreSQL refuses every later statement of the transaction ("current
    // transaction is aborted"): its own error is kept and is the one thrown.
    let writing: Promise<void> = Promise.resolve();
    let writeFailed: { error: unknown } | null = null;
    const writeDone = async () => {
      await writing;
      if (writeFailed) throw writeFailed.error;
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      const first = written - rows.length;
      batch = [];
      await writeDone();
      writing = repo.insertImportRows(trx, p.id, first, rows).catch((error: unknown) => {
        writeFailed ??= { error };
      });
    };

    const check = async (chunk: RawLedgerRow[]) => {
      // The people this chunk names that no earlier chunk did, in one query.
      const names = new Set<string>();
      for (const r of chunk) {
        const e = cellText(r.cells.enterprise);
        if (e) enterpriseNames.add(e);
        const pc = splitPersonContact(r.cells.responsible);
        if (pc.ok) for (const q of pc.persons) if (!byPerson.has(q.name)) names.add(q.name);
      }
      if (names.size) {
        for (const n of names) byPerson.set(n, []);
        for (const q of await problemsRepo.peopleNamed(trx, regionPrefix, [...names])) byPerson.get(q.name)!.push(q);
      }
      for (const r of chunk) {
        const group = groupOf(r);
        const chosen = new Map<string, { person: PersonRow | null; ambiguous: boolean }>();
        const res = validateLedgerRow(campaign, template, header, LEDGER_KEYS.map((k) => r.cells[k]), r.row, {
          resolveTownship,
          today: foundOn,
          rankOf: (name, position) => {
            const pick = pickPerson(byPerson.get(name) ?? [], position);
            chosen.set(name, pick);
            return pick.person ? ((pick.person.rank as Rank | null) ?? null) : undefined;
          },
        });
        const errs: PreviewError[] = res.errors.map((e) => ({ sheet: r.sheet, row: e.row, column: e.column, message: e.message, messageEn: e.messageEn }));
        const v = res.value;
        let person: PersonRow | null = null;
        if (v) {
          const first = v.persons[0]!;
          const pick = chosen.get(first.name) ?? pickPerson(byPerson.get(first.name) ?? [], first.position);
          person = pick.person;
          const err = (message: string, messageEn: string) => errs.push({ sheet: r.sheet, row: r.row, column: PERSON!, message, messageEn });
          if (pick.ambiguous) err(`人员库中有 ${byPerson.get(first.name)!.length} 名${first.name}，按所写职务“${first.position}”无法区分`, `${first.name} matches several people; the position written does not tell them apart`);
          else if (!person) err(`人员库中没有整改责任人${first.name}：请先登记其人员信息（姓名、单位、职级）`, `${first.name} is not in the people records`);
          else if (!person.unit_id) err(`整改责任人${first.name}在人员库中没有所在单位，无法确定整改责任单位`, `${first.name} has no unit on record, so there is no responsible unit`);
          const type = problemTypeOf(campaign, v.typeCode);
          if (group && type?.workGroupKey && type.workGroupKey !== group) {
            const g = campaign.workGroups.find((x) => x.key === type.workGroupKey)!;
            errs.push({ sheet: r.sheet, row: r.row, column: TYPE!, message: `问题类型“${v.typeName}”属于${g.name}，与本表排查工作组不符`, messageEn: `problem type ${v.typeCode} belongs to work group ${g.key}, not this sheet's` });
          }
        }
        addErrors(errs);
        const stored: StoredRow = {
          sheet: r.sheet,
          row: r.row,
          workGroupKey: group,
          enterprise: v?.enterprise ?? cellText(r.cells.enterprise),
          // the registry match is made once every enterprise of the file is known (below)
          siteId: null,
          siteMatch: 'unmatched',
          township: v?.township ?? cellText(r.cells.township),
          regionCode: v?.regionCode ?? null,
          methodMineral: v?.methodMineral ?? cellText(r.cells.methodMineral),
          typeCode: v?.typeCode ?? '',
          typeName: v?.typeName ?? cellText(r.cells.problemType),
          description: v?.description ?? cellText(r.cells.found, true),
          measures: v?.measures ?? cellText(r.cells.measures, true),
          deadline: v?.deadline ?? '',
          // Re-written from what was read ("name position phone", people joined by ；): the export prints it and a re-import reads it back.
          responsible: v ? v.persons.map((q) => [q.name, q.position, ...q.phones.map((ph) => ph.number)].filter(Boolean).join(' ')).join('；') : cellText(r.cells.responsible),
          responsiblePersonId: person?.id ?? null,
          responsibleUnitId: person?.unit_id ?? null,
          contact: v?.persons[0]?.phones[0]?.number ?? null,
          ok: errs.length === 0,
        };
        rowCount++;
        enterprises.add(stored.enterprise);
        if (shown.length < ROWS_SHOWN) shown.push(stored);
        if (clean()) {
          batch.push({ sheet: stored.sheet, row: stored.row, workGroupKey: stored.workGroupKey, enterprise: stored.enterprise, regionCode: stored.regionCode!, typeCode: stored.typeCode, methodMineral: stored.methodMineral, description: stored.description, measures: stored.measures, deadline: stored.deadline, responsible: stored.responsible, responsiblePersonId: stored.responsiblePersonId, responsibleUnitId: stored.responsibleUnitId, contact: stored.contact });
          written++;
        }
      }
      if (clean()) await flush();
      else batch = [];
    };

    try {
      let chunk: RawLedgerRow[] = [];
      for await (const r of reading.rows) {
        chunk.push(r);
        if (chunk.length === ROW_BATCH) {
          await check(chunk);
          chunk = [];
        }
      }
      await check(chunk);
      await writeDone();
    } catch (e) {
      await writeDone(); // a failed write is why anything after it failed
      if (e instanceof XlsxError) throw new AppError('VALIDATION', `${o.fileName}: ${e.message}`, [{ path: 'body.file', message: e.message }]);
      throw e;
    }

    // The workbook's own problems (headers) come first, then the rows'.
    const readErrors: PreviewError[] = reading.issues.map((i) => {
      const [zh, en] = i.message.split(' / ');
      return { sheet: i.sheet, row: i.row, column: i.column, message: zh ?? i.message, messageEn: en ?? i.message };
    });
    if (rowCount === 0 && readErrors.length === 0 && rowErrorCount === 0) addErrors([{ sheet: reading.skippedSheets[0] ?? '', row: null, column: null, message: '台账中没有问题行', messageEn: 'the ledger has no problem rows' }]);
    const errorCount = readErrors.length + rowErrorCount;
    const errors = [...readErrors, ...rowErrors].slice(0, ERRORS_SHOWN);

    // Registry sites for every enterprise name in the file, in one query; a name matches when exactly one site has it.
    const sites = await problemsRepo.sitesNamed(trx, actor.scope, campaign.regionCode, [...enterpriseNames]);
    enterpriseNames.clear();
    const bySite = new Map<string, typeof sites>();
    for (const s of sites) bySite.set(matchKey(s.name), [...(bySite.get(matchKey(s.name)) ?? []), s]);
    const siteOf = (enterprise: string) => bySite.get(matchKey(enterprise)) ?? [];
    for (const r of shown) {
      const matches = siteOf(r.enterprise);
      r.siteId = matches.length === 1 ? matches[0]!.id : null;
      r.siteMatch = matches.length === 1 ? 'matched' : matches.length > 1 ? 'ambiguous' : 'unmatched';
    }
    const unmatched: string[] = [];
    const matched: { enterprise: string; siteId: string }[] = [];
    for (const e of enterprises) {
      const matches = siteOf(e);
      if (matches.length === 1) matched.push({ enterprise: e, siteId: matches[0]!.id });
      else if (e) unmatched.push(e);
    }
    if (errorCount > 0) {
      if (written > 0) await repo.deleteImportRows(trx, p.id);
    } else {
      await repo.insertImportSites(trx, p.id, matched);
    }
    const done = await repo.finishPreview(trx, p.id, { rowCount, errorCount, errors, unmatched });

    return {
      result: {
        previewId: p.id,
        campaignId: campaignRow.id,
        fileName: o.fileName,
        foundOn,
        rowCount,
        errorCount,
        unmatchedEnterprises: unmatched,
        expiresAt: done.expires_at.toISOString(),
        rows: shown.map(({ responsibleUnitId: _u, contact: _c, ...row }) => row),
        errors,
      },
      audit: [{ action: 'problem.import', entityType: 'ledger_import', entityId: p.id, regionCode: campaign.regionCode, after: { step: 'preview', campaignId: campaignRow.id, fileName: o.fileName, rows: rowCount, errors: errorCount } }],
    };
  });
}

/**
 * Step 2: every previewed row becomes a problem in one transaction, or none does. Refused while the
 * preview has errors, when the campaign changed since, or when unmatched enterprises are not
 * confirmed (they are then recorded by name, without a registry site). The rows go from
 * ledger_import_row into problem in one INSERT … SELECT (repo.commitImportRows), never through memory.
 */
export async function commitImport(db: Db, actor: Actor, campaignId: string, previewId: string, confirmEnterprises: string[]): Promise<{ importId: string; created: number; confirmedEnterprises: number }> {
  const { row: campaignRow } = await loadCampaign(db, actor, campaignId, { inScopeOnly: true });
  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.lockPreview(trx, actor.userId, campaignRow.id, previewId);
    if (!p) throw notFound('ledger import preview (it may have expired, been committed already, or belong to another user or campaign)');
    if (p.error_count > 0) throw new AppError('CONFLICT', `预览中还有 ${p.error_count} 处错误：请改正台账后重新上传 (the preview has ${p.error_count} errors; fix the workbook and upload it again)`);
    const current = await trx.selectFrom('campaign').select('version').where('id', '=', campaignRow.id).executeTakeFirstOrThrow();
    if (current.version !== p.campaign_version) throw new AppError('CONFLICT', '行动规则在预览后已修改：请重新上传台账 (the campaign changed after the preview; upload the workbook again)');
    const confirmed = new Set(confirmEnterprises.map((e) => matchKey(e)));
    const unmatched = p.unmatched as string[];
    const missing = unmatched.filter((e) => !confirmed.has(matchKey(e)));
    if (missing.length) {
      throw new AppError(
        'VALIDATION',
        `以下矿山企业在监管对象库中没有唯一匹配，须确认按名称录入：${missing.slice(0, 20).join('、')}${missing.length > 20 ? ` 等 ${missing.length} 家` : ''} (confirm the unmatched enterprises in confirmEnterprises)`,
        missing.slice(0, 100).map((e) => ({ path: 'body.confirmEnterprises', message: `confirm “${e}”: no single registry site has this name` })),
      );
    }
    const created = await repo.commitImportRows(trx, { previewId: p.id, campaignId: campaignRow.id, userId: actor.userId });
    // A preview without errors keeps every row it counted; anything else is a fault, and rolls back.
    if (created !== p.row_count) throw new Error(`ledger import ${p.id}: ${created} problems from ${p.row_count} previewed rows`);
    await repo.deletePreview(trx, p.id);
    return {
      result: { importId: p.id, created, confirmedEnterprises: unmatched.length },
      audit: [{
        action: 'problem.import',
        entityType: 'ledger_import',
        entityId: p.id,
        regionCode: p.region_code,
        after: { step: 'commit', campaignId: campaignRow.id, fileName: p.file_name, foundOn: p.found_on, created, confirmedEnterprises: unmatched },
      }],
    };
  });
}
