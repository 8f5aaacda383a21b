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
import { headerKey, LEDGER_KEYS, readLedgerWorkbook, type RawLedgerRow } from './ledger-reader.js';
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

/** What a preview row keeps for the commit, beyond what the API shows. */
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
 * Step 1 of a 附件1 import: reads the workbook as officials fill it (ledger-reader.ts), checks every
 * row with core's ledger rules and the campaign's (validateLedgerRow: method, type, deadline, person
 * and rank, phone), matches townships, people and registry sites, and keeps the result as a preview.
 * Nothing enters the ledger. Errors name the sheet, row and column.
 */
export async function previewImport(db: Db, actor: Actor, campaignId: string, input: Uint8Array, o: ImportOptions): Promise<LedgerPreview> {
  const { campaign, row: campaignRow } = await loadCampaign(db, actor, campaignId, { inScopeOnly: true });
  const template = ledgerTemplate(campaign);
  const foundOn = o.foundOn ?? todayInChina();
  let read;
  try {
    read = await readLedgerWorkbook(input);
  } catch (e) {
    if (e instanceof XlsxError) throw new AppError('VALIDATION', `${o.fileName}: ${e.message}`, [{ path: 'body.file', message: e.message }]);
    throw e;
  }

  const errors: (LedgerCellError & { sheet: string })[] = read.issues.map((i) => {
    const [zh, en] = i.message.split(' / ');
    return { sheet: i.sheet, row: i.row, column: i.column, message: zh ?? i.message, messageEn: en ?? i.message };
  });
  const header: HeaderMap = { index: Object.fromEntries(template.columns.map((c, i) => [c, i])), errors: [] };
  const resolveTownship = await townshipResolver(db, actor, campaign);

  // People and sites for every name in the file, in two queries.
  const cellsOf = (r: RawLedgerRow) => LEDGER_KEYS.map((k) => r.cells[k]);
  const personNames = new Set<string>();
  const enterpriseNames = new Set<string>();
  for (const r of read.rows) {
    const e = cellText(r.cells.enterprise);
    if (e) enterpriseNames.add(e);
    const pc = splitPersonContact(r.cells.responsible);
    if (pc.ok) for (const p of pc.persons) personNames.add(p.name);
  }
  const people = await problemsRepo.peopleNamed(db, scopePrefix(campaign.regionCode), [...personNames]);
  const byPerson = new Map<string, PersonRow[]>();
  for (const p of people) byPerson.set(p.name, [...(byPerson.get(p.name) ?? []), p]);
  const sites = await problemsRepo.sitesNamed(db, actor.scope, campaign.regionCode, [...enterpriseNames]);
  const bySite = new Map<string, typeof sites>();
  for (const s of sites) bySite.set(matchKey(s.name), [...(bySite.get(matchKey(s.name)) ?? []), s]);

  // The work group of each sheet, from its "排查工作组：" line.
  const sheetGroup = new Map<string, string | null>();
  const groupOf = (r: RawLedgerRow): string | null => {
    if (sheetGroup.has(r.sheet)) return sheetGroup.get(r.sheet)!;
    let key: string | null = null;
    if (campaign.workGroups.length > 0) {
      if (!r.workGroup) {
        errors.push({ sheet: r.sheet, row: null, column: template.groupLabel, message: `表头上方缺少“${template.groupLabel}”行`, messageEn: 'the work-group line above the header is missing' });
      } else {
        const g = matchWorkGroup(campaign, template, r.workGroup);
        if (g.ok) key = g.key;
        else errors.push({ sheet: r.sheet, row: null, column: template.groupLabel, message: g.message, messageEn: g.messageEn });
      }
    }
    sheetGroup.set(r.sheet, key);
    return key;
  };

  const rows: StoredRow[] = [];
  const [, , , , TYPE, , , , PERSON] = template.columns as unknown as string[];
  for (const r of read.rows) {
    const group = groupOf(r);
    const chosen = new Map<string, { person: PersonRow | null; ambiguous: boolean }>();
    const res = validateLedgerRow(campaign, template, header, cellsOf(r), r.row, {
      resolveTownship,
      today: foundOn,
      rankOf: (name, position) => {
        const pick = pickPerson(byPerson.get(name) ?? [], position);
        chosen.set(name, pick);
        return pick.person ? ((pick.person.rank as Rank | null) ?? null) : undefined;
      },
    });
    const rowErrors = res.errors.map((e) => ({ sheet: r.sheet, row: e.row, column: e.column, message: e.message, messageEn: e.messageEn }));
    const v = res.value;
    let person: PersonRow | null = null;
    if (v) {
      const first = v.persons[0]!;
      const pick = chosen.get(first.name) ?? pickPerson(byPerson.get(first.name) ?? [], first.position);
      person = pick.person;
      const err = (message: string, messageEn: string) => rowErrors.push({ sheet: r.sheet, row: r.row, column: PERSON!, message, messageEn });
      if (pick.ambiguous) err(`人员库中有 ${byPerson.get(first.name)!.length} 名${first.name}，按所写职务“${first.position}”无法区分`, `${first.name} matches several people; the position written does not tell them apart`);
      else if (!person) err(`人员库中没有整改责任人${first.name}：请先登记其人员信息（姓名、单位、职级）`, `${first.name} is not in the people records`);
      else if (!person.unit_id) err(`整改责任人${first.name}在人员库中没有所在单位，无法确定整改责任单位`, `${first.name} has no unit on record, so there is no responsible unit`);
      const type = problemTypeOf(campaign, v.typeCode);
      if (group && type?.workGroupKey && type.workGroupKey !== group) {
        const g = campaign.workGroups.find((x) => x.key === type.workGroupKey)!;
        rowErrors.push({ sheet: r.sheet, row: r.row, column: TYPE!, message: `问题类型“${v.typeName}”属于${g.name}，与本表排查工作组不符`, messageEn: `problem type ${v.typeCode} belongs to work group ${g.key}, not this sheet's` });
      }
    }
    errors.push(...rowErrors);
    const enterprise = v?.enterprise ?? cellText(r.cells.enterprise);
    const matches = bySite.get(matchKey(enterprise)) ?? [];
    rows.push({
      sheet: r.sheet,
      row: r.row,
      workGroupKey: group,
      enterprise,
      siteId: matches.length === 1 ? matches[0]!.id : null,
      siteMatch: matches.length === 1 ? 'matched' : matches.length > 1 ? 'ambiguous' : 'unmatched',
      township: v?.township ?? cellText(r.cells.township),
      regionCode: v?.regionCode ?? null,
      methodMineral: v?.methodMineral ?? cellText(r.cells.methodMineral),
      typeCode: v?.typeCode ?? '',
      typeName: v?.typeName ?? cellText(r.cells.problemType),
      description: v?.description ?? cellText(r.cells.found, true),
      measures: v?.measures ?? cellText(r.cells.measures, true),
      deadline: v?.deadline ?? '',
      // Re-written from what was read ("name position phone", people joined by ；): the export prints it and a re-import reads it back.
      responsible: v ? v.persons.map((p) => [p.name, p.position, ...p.phones.map((ph) => ph.number)].filter(Boolean).join(' ')).join('；') : cellText(r.cells.responsible),
      responsiblePersonId: person?.id ?? null,
      responsibleUnitId: person?.unit_id ?? null,
      contact: v?.persons[0]?.phones[0]?.number ?? null,
      ok: rowErrors.length === 0,
    });
  }
  if (read.rows.length === 0 && errors.length === 0) errors.push({ sheet: read.skippedSheets[0] ?? '', row: null, column: null, message: '台账中没有问题行', messageEn: 'the ledger has no problem rows' });
  const unmatched = [...new Set(rows.filter((r) => r.siteMatch !== 'matched' && r.enterprise).map((r) => r.enterprise))];

  return changeWithAudit(db, actor, async (trx) => {
    const p = await repo.insertPreview(trx, {
      campaignId: campaignRow.id,
      campaignVersion: campaignRow.version,
      userId: actor.userId,
      regionCode: campaign.regionCode,
      fileName: o.fileName,
      foundOn,
      source: o.source ?? 'survey',
      rows,
      errors,
      unmatched,
    });
    return {
      result: {
        previewId: p.id,
        campaignId: campaignRow.id,
        fileName: o.fileName,
        foundOn,
        rowCount: rows.length,
        errorCount: errors.length,
        unmatchedEnterprises: unmatched,
        expiresAt: p.expires_at.toISOString(),
        rows: rows.slice(0, ROWS_SHOWN).map(({ responsibleUnitId: _u, contact: _c, ...shown }) => shown),
        errors: errors.slice(0, ERRORS_SHOWN),
      },
      audit: [{ action: 'problem.import', entityType: 'ledger_import', entityId: p.id, regionCode: campaign.regionCode, after: { step: 'preview', campaignId: campaignRow.id, fileName: o.fileName, rows: rows.length, errors: errors.length } }],
    };
  });
}

/**
 * Step 2: every previewed row becomes a problem in one transaction, or none does. Refused while the
 * preview has errors, when the campaign changed since, or when unmatched enterprises are not
 * confirmed (they are then recorded by name, without a registry site).
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
    const rows = p.rows as StoredRow[];
    const ids = await problemsRepo.insertProblems(
      trx,
      rows.map((r) => ({
        campaign_id: campaignRow.id,
        work_group_key: r.workGroupKey,
        site_id: r.siteId,
        enterprise: r.enterprise,
        region_code: r.regionCode!,
        type_code: r.typeCode,
        method_mineral: r.methodMineral,
        description: r.description,
        measures: r.measures,
        found_on: p.found_on,
        deadline: r.deadline,
        responsible_unit_id: r.responsibleUnitId,
        responsible_person_id: r.responsiblePersonId,
        responsible_contact: r.contact,
        responsible_text: r.responsible,
        verifying_unit_id: null,
        source: p.source,
        source_ref: `${p.file_name}#${r.sheet}!${r.row}`,
        state: 'found',
        evidence: [],
        import_id: p.id,
        created_by: actor.userId,
      })),
    );
    await repo.deletePreview(trx, p.id);
    return {
      result: { importId: p.id, created: ids.length, confirmedEnterprises: unmatched.length },
      audit: [{
        action: 'problem.import',
        entityType: 'ledger_import',
        entityId: p.id,
        regionCode: p.region_code,
        after: { step: 'commit', campaignId: campaignRow.id, fileName: p.file_name, foundOn: p.found_on, created: ids.length, confirmedEnterprises: unmatched },
      }],
    };
  });
}
