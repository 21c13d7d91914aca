import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requireAccess } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { currentPeriod, type Period } from '../../domain/coverage.js';
import {
  ALLOCATION_SOURCE_LABELS,
  checkWeights,
  DEFAULT_WEIGHTS,
  type Duty,
  DUTIES,
  isActionOverdue,
  type Judged,
  judgeBudget,
  judgeCompliance,
  judgeLicensing,
  judgeParticipation,
  judgeRegulation,
  rankByScore,
  scoreOf,
  type Weights,
} from '../../domain/inpres.js';
import { NATIONAL } from '../../domain/region-code.js';
import { todayWib } from '../../domain/wib.js';
import { GROUP_LABELS, type Group } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import type { SavedUpload, UploadSpec } from '../../lib/upload.js';
import { describeIssue } from '../../lib/validation-messages.js';
import { coverageReport, regionOrThrow } from '../coverage/service.js';
import {
  budgetFigures,
  type BudgetFigures,
  complianceFigures,
  type ComplianceFigures,
  desaSadarFigures,
  findAction,
  groupFigures,
  type GroupFigure,
  insertActions,
  insertAllocation,
  insertMeeting,
  insertRegulation,
  listMeetings,
  overdueActionsOf,
  overdueCounts,
  readSetting,
  regulationFigures,
  type RegulationFigures,
  targetGroupsOf,
  type Units,
  updateAction,
  upsertTargetGroups,
  WEIGHTS_SETTING,
  writeSetting,
} from './queries.js';
import {
  type Action,
  type AllocationInput,
  type ChildScore,
  type Evidence,
  type Meeting,
  type MeetingInput,
  regulationFields,
  type Scorecard,
  type TargetGroupsInput,
} from './schemas.js';

const actorOf = (u: SessionUser) => ({ id: u.id, username: u.username });

// ── formatting (Indonesian readers: 1.234.567 · Rp16.800 · 41,0%) ──
const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const pf = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const num = (v: number) => nf.format(v);
const pct = (v: number | null) => (v === null ? '–' : `${pf.format(v)}%`);
const rupiah = (v: number) => `Rp${nf.format(v)}`;
const pctOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

// ── regulations ──

/** POST /api/regulations: the signed document, a PDF of at most 10 MB, checked by its content. */
export const REGULATION_UPLOAD: UploadSpec<'pdf'> = {
  extensions: ['pdf'],
  maxBytes: 10 * 1024 * 1024,
  wrongType: { code: 'REGULATION_NOT_PDF', text: { id: 'Dokumen regulasi yang ditandatangani harus berkas PDF (kolom "file").', en: 'The signed regulation must be a PDF file (field "file").' } },
  tooLarge: { code: 'REGULATION_TOO_LARGE', text: { id: 'Dokumen regulasi melebihi 10 MB.', en: 'The regulation document exceeds 10 MB.' } },
  fields: ['regionCode', 'type', 'number', 'title', 'signedOn', 'inForceOn', 'groups', 'requires'],
};
export const regulationDir = (dataDir: string) => join(dataDir, 'uploads', 'regulations');

async function isPdf(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}

/**
 * Records a regulation from its multipart upload: the fields are validated like a body (422 naming the
 * field), the region must lie in the user's subtree (403), the file must be a PDF by content (422).
 * The file is kept only when everything holds.
 */
export async function createRegulation(db: Db, user: SessionUser, file: SavedUpload<'pdf'>): Promise<{ id: number }> {
  try {
    const parsed = regulationFields.safeParse(file.fields);
    if (!parsed.success) throw errors.validationFailed(parsed.error.issues.map((i) => describeIssue({ code: i.code, message: i.message, path: i.path as (string | number)[] } as never, 'body')));
    const f = parsed.data;
    requireAccess(user, 'inpres:write', f.regionCode);
    if (!(await isPdf(file.path))) throw new AppError(422, REGULATION_UPLOAD.wrongType.code, REGULATION_UPLOAD.wrongType.text, 'file');
    await regionOrThrow(db, f.regionCode);
    return await audited(db, actorOf(user), async (tx) => {
      const row = await insertRegulation(tx, {
        region_code: f.regionCode,
        type: f.type,
        number: f.number,
        title: f.title,
        signed_on: f.signedOn,
        in_force_on: f.inForceOn ?? null,
        groups: f.groups,
        requires: f.requires,
        document_path: file.path,
        document_name: file.filename,
        document_size: file.size,
        created_by: user.username,
      });
      const { document_path: _p, ...after } = row;
      return { result: { id: row.id }, audit: [{ action: 'create', entityType: 'regulation', entityId: String(row.id), regionCode: row.region_code, before: null, after }] };
    });
  } catch (err) {
    await rm(file.path, { force: true });
    throw err;
  }
}

// ── target groups, allocations ──

export async function saveTargetGroups(db: Db, user: SessionUser, region: string, input: TargetGroupsInput) {
  await regionOrThrow(db, region);
  return audited(db, actorOf(user), async (tx) => {
    const before = await targetGroupsOf(tx, region, input.year);
    await upsertTargetGroups(tx, region, input.year, input.groups, user.username);
    const after = await targetGroupsOf(tx, region, input.year);
    return {
      result: { items: after.map(groupRow) },
      audit: [{ action: 'declare_target_groups', entityType: 'target_group', entityId: `${region}/${input.year}`, regionCode: region, before: before.map(groupRow), after: after.map(groupRow) }],
    };
  });
}
const groupRow = (g: { group_code: Group; size: number; source: string }) => ({ group: g.group_code, size: g.size, source: g.source });

export async function declareAllocation(db: Db, user: SessionUser, region: string, input: AllocationInput) {
  const r = await regionOrThrow(db, region);
  const fits: Record<string, string[]> = { APBD_PROVINSI: ['province'], APBD_KABKOTA: ['regency'], DANA_DESA: ['village'], BHP: ['village'] };
  if (!fits[input.source]!.includes(r.level)) {
    throw errors.invalid('body.source', 'SOURCE_REGION_MISMATCH', {
      id: `${ALLOCATION_SOURCE_LABELS[input.source]} tidak cocok untuk wilayah tingkat ini (${r.name}).`,
      en: `${ALLOCATION_SOURCE_LABELS[input.source]} does not fit a region at this level (${r.name}).`,
    });
  }
  return audited(db, actorOf(user), async (tx) => {
    const row = await insertAllocation(tx, { region_code: region, fiscal_year: input.fiscalYear, source: input.source, amount: input.amount, note: input.note, created_by: user.username });
    return { result: row, audit: [{ action: 'create', entityType: 'budget_allocation', entityId: String(row.id), regionCode: region, before: null, after: row }] };
  });
}

// ── meetings and actions ──

type ActionRow = { id: number; meeting_id: number; region_code: string; decision: string; owner_agency: string; due_on: string; status: Action['status']; done_on: string | null };
export const presentAction = (a: ActionRow, today = todayWib()): Action => ({
  id: a.id,
  meetingId: a.meeting_id,
  regionCode: a.region_code,
  decision: a.decision,
  ownerAgency: a.owner_agency,
  dueOn: a.due_on,
  status: a.status,
  doneOn: a.done_on,
  overdue: isActionOverdue(a.status, a.due_on, today),
});

export async function recordMeeting(db: Db, user: SessionUser, region: string, input: MeetingInput): Promise<Meeting> {
  await regionOrThrow(db, region);
  return audited(db, actorOf(user), async (tx) => {
    const m = await insertMeeting(tx, { region_code: region, held_on: input.heldOn, title: input.title, place: input.place, agencies: input.agencies, created_by: user.username });
    const actions = await insertActions(
      tx,
      input.actions.map((a) => ({ meeting_id: m.id, region_code: region, decision: a.decision, owner_agency: a.ownerAgency, due_on: a.dueOn })),
    );
    const view: Meeting = { id: m.id, regionCode: region, heldOn: m.held_on, title: m.title, place: m.place, agencies: m.agencies, actions: actions.map((a) => presentAction(a)) };
    return { result: view, audit: [{ action: 'create', entityType: 'inpres_meeting', entityId: String(m.id), regionCode: region, before: null, after: view }] };
  });
}

export async function meetingsOf(db: Db, region: string, page: number, pageSize: number) {
  const { meetings, actions, total } = await listMeetings(db, region, page, pageSize);
  const today = todayWib();
  return {
    items: meetings.map((m) => ({
      id: m.id,
      regionCode: m.region_code,
      heldOn: m.held_on,
      title: m.title,
      place: m.place,
      agencies: m.agencies,
      actions: actions.filter((a) => a.meeting_id === m.id).map((a) => presentAction(a, today)),
    })),
    total,
  };
}

export async function changeAction(db: Db, user: SessionUser, id: number, status: Action['status'], doneOn?: string): Promise<Action> {
  return audited(db, actorOf(user), async (tx) => {
    const before = await findAction(tx, id);
    if (!before) throw errors.notFound({ id: 'Tindak lanjut', en: 'Follow-up action' });
    const after = await updateAction(tx, id, status, status === 'done' ? (doneOn ?? todayWib()) : null);
    return { result: presentAction(after), audit: [{ action: 'update', entityType: 'inpres_action', entityId: String(id), regionCode: before.region_code, before, after }] };
  });
}

// ── weights ──

export const WEIGHTS_NOTE =
  'Bobot bawaan Semesta (keputusan 84), bukan bobot resmi Paritrana Award (tidak dipublikasikan): kepesertaan 30 (tujuan Inpres), regulasi 25 dan anggaran 25 ' +
  '(dua instrumen yang sepenuhnya dikuasai pemerintah daerah), kepatuhan 10 dan perizinan/integrasi data 10 (bergantung juga pada BPJS TK, Kejaksaan dan DPMPTSP).';

export async function weightsInForce(db: Db): Promise<{ weights: Weights; isDefault: boolean }> {
  const v = (await readSetting(db, WEIGHTS_SETTING)) as Partial<Weights> | undefined;
  if (v && DUTIES.every((d) => typeof v[d] === 'number') && checkWeights(v as Weights) === null) return { weights: v as Weights, isDefault: false };
  return { weights: DEFAULT_WEIGHTS, isDefault: true };
}

export async function setWeights(db: Db, user: SessionUser, weights: Weights) {
  const wrong = checkWeights(weights);
  if (wrong) throw errors.invalid('body', 'WEIGHTS_INVALID', wrong);
  const before = await weightsInForce(db);
  await audited(db, actorOf(user), async (tx) => {
    await writeSetting(tx, WEIGHTS_SETTING, weights);
    return { result: null, audit: [{ action: 'update', entityType: 'inpres_weights', entityId: WEIGHTS_SETTING, regionCode: null, before: before.weights, after: weights }] };
  });
  return { weights, isDefault: false, note: WEIGHTS_NOTE };
}

// ── scorecards ──

const CODE_LENGTH: Record<string, number> = { country: 0, province: 2, regency: 5, district: 8, village: 13 };
const CHILD_LEVEL: Record<string, string | null> = { country: 'province', province: 'regency', regency: 'district', district: 'village', village: null };

/** The month figures are taken at: `asOf`, else the year's December, never after this month. */
export function asOfPeriod(year: number, asOf?: Period): Period {
  const now = currentPeriod();
  const wanted = asOf ?? `${year}-12`;
  return wanted > now ? now : wanted;
}
const monthEnd = (p: Period) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

interface UnitRow {
  code: string;
  name: string;
  judged: Record<Duty, Judged>;
  evidence: Record<Duty, Evidence[]>;
  groups: GroupFigure[];
  budget: BudgetFigures & { allocated: number };
  regs: RegulationFigures;
  desaSadar: { declared: number; sadar: number };
  overdue: number;
  score: number;
}

const EMPTY_REGS: RegulationFigures = { binding: 0, nonBinding: 0, licensing: 0, numbers: [] };
const EMPTY_BUDGET: BudgetFigures = { fromPrograms: 0, declared: 0, billed: 0, paid: 0, villagesBudgeted: 0, villageAllocation: 0, villagesTotal: 0 };
const EMPTY_COMPLIANCE: ComplianceFigures = { nonCompliantEmployers: 0, opened: 0, escalated: 0, resolved: 0, villagesTotal: 0, villagesReached: 0, officialMonths: 0 };

const ev = (label: string, value: string, figure: number | null, href: string | null): Evidence => ({ label, value, figure, href });

/** Scores every unit (the regions of length `u.len` under `u.root`), with one query per evidence source. */
async function scoreUnits(
  db: Db,
  u: Units,
  units: { code: string; name: string }[],
  coverage: Map<string, { coveragePct: number | null; targetPct: number | null }>,
  year: number,
  period: Period,
  weights: Weights,
): Promise<UnitRow[]> {
  const end = monthEnd(period);
  const [regs, budget, groups, sadar, comp, overdue] = await Promise.all([
    regulationFigures(db, u, end),
    budgetFigures(db, u, year, end),
    groupFigures(db, u, year),
    desaSadarFigures(db, u, year),
    complianceFigures(db, u, year, end),
    overdueCounts(db, u, todayWib()),
  ]);
  return units.map(({ code, name }) => {
    const r = regs.get(code) ?? EMPTY_REGS;
    const b0 = budget.get(code) ?? EMPTY_BUDGET;
    const b = { ...b0, allocated: b0.fromPrograms + b0.declared };
    const g = groups.get(code) ?? [];
    const c = comp.get(code) ?? EMPTY_COMPLIANCE;
    const cov = coverage.get(code) ?? { coveragePct: null, targetPct: null };
    const outreachPct = c.villagesTotal > 0 ? pctOf(c.villagesReached, c.villagesTotal) : null;
    const judged: Record<Duty, Judged> = {
      REGULATION: judgeRegulation(r),
      BUDGET: judgeBudget(b),
      PARTICIPATION: judgeParticipation({ ...cov, groups: g }),
      COMPLIANCE: judgeCompliance({ ...c, outreachPct }),
      LICENSING: judgeLicensing({ licensingRegulations: r.licensing, officialData: c.officialMonths > 0 }),
    };
    const q = `region=${encodeURIComponent(code)}`;
    const evidence: Record<Duty, Evidence[]> = {
      REGULATION: [
        ev('Perda/Perkada/Perdes berlaku', num(r.binding), r.binding, `/inpres/${code}?tab=regulasi`),
        ev('Surat edaran / SK', num(r.nonBinding), r.nonBinding, `/inpres/${code}?tab=regulasi`),
        ev('Nomor regulasi', r.numbers.length ? r.numbers.join('; ') : 'belum ada', null, `/inpres/${code}?tab=regulasi`),
      ],
      BUDGET: [
        ev('Dialokasikan', rupiah(b.allocated), b.allocated, `/pendanaan?${q}&year=${year}`),
        ev('Dari program pendanaan', rupiah(b.fromPrograms), b.fromPrograms, `/pendanaan?${q}&year=${year}`),
        ev('Dinyatakan tanpa program', rupiah(b.declared), b.declared, `/inpres/${code}?tab=anggaran`),
        ev('Ditagih', rupiah(b.billed), b.billed, `/pendanaan?${q}&year=${year}`),
        ev('Dibayar', `${rupiah(b.paid)}${b.billed > 0 ? ` (${pct(pctOf(b.paid, b.billed))} dari tagihan)` : ''}`, b.paid, `/pendanaan?${q}&year=${year}`),
        ev('Desa menganggarkan (Dana Desa/BHP)', `${num(b.villagesBudgeted)} dari ${num(b.villagesTotal)} desa · ${rupiah(b.villageAllocation)}`, b.villagesBudgeted, `/inpres/${code}?tab=anggaran`),
      ],
      PARTICIPATION: [
        ev('Cakupan', pct(cov.coveragePct), cov.coveragePct, `/cakupan/${code}?period=${period}`),
        ev('Target cakupan', pct(cov.targetPct), cov.targetPct, `/cakupan/${code}?period=${period}`),
        ...g.map((x) => ev(`${GROUP_LABELS[x.group]} tercakup`, `${num(x.covered)} dari ${num(x.size)} (${pct(pctOf(x.covered, x.size))})`, x.covered, `/pekerja?${q}&group=${x.group}&status=active`)),
      ],
      COMPLIANCE: [
        ev('Pemberi kerja belum patuh', num(c.nonCompliantEmployers), c.nonCompliantEmployers, `/kepatuhan?${q}`),
        ev('Kasus dibuka', num(c.opened), c.opened, `/kepatuhan/kasus?${q}`),
        ev('Diteruskan ke Kejaksaan / sanksi', num(c.escalated), c.escalated, `/kepatuhan/kasus?${q}`),
        ev('Kasus selesai', num(c.resolved), c.resolved, `/kepatuhan/kasus?${q}`),
        ev('Desa terjangkau sosialisasi', `${num(c.villagesReached)} dari ${num(c.villagesTotal)} desa (${pct(outreachPct)})`, c.villagesReached, `/sosialisasi?${q}`),
      ],
      LICENSING: [
        ev('Regulasi syarat perizinan', num(r.licensing), r.licensing, `/inpres/${code}?tab=regulasi`),
        ev('Bulan data resmi BPJS TK diterima', num(c.officialMonths), c.officialMonths, `/cakupan/${code}?period=${period}`),
      ],
    };
    return { code, name, judged, evidence, groups: g, budget: b, regs: r, desaSadar: sadar.get(code) ?? { declared: 0, sadar: 0 }, overdue: overdue.get(code) ?? 0, score: scoreOf(judged, weights) };
  });
}

async function unitsOf(db: Db, parent: string) {
  return db.selectFrom('region').select(['code', 'name']).where('parent_code', '=', parent).orderBy('code').execute();
}

/** The children of `code` scored and ranked (highest first), with the coverage of the same month. */
async function rankedChildren(db: Db, code: string, level: string, year: number, period: Period, weights: Weights) {
  const childLevel = CHILD_LEVEL[level];
  if (!childLevel) return [];
  const [kids, cov] = await Promise.all([unitsOf(db, code), coverageReport(db, code, period)]);
  const coverage = new Map(cov.children.map((c) => [c.code, { coveragePct: c.coveragePct, targetPct: c.targetPct }]));
  return rankByScore(await scoreUnits(db, { root: code, len: CODE_LENGTH[childLevel]! }, kids, coverage, year, period, weights));
}

const dutiesOf = (row: UnitRow, weights: Weights) =>
  DUTIES.map((d) => ({ code: d, status: row.judged[d].status, score: Math.round(weights[d] * (row.judged[d].fraction ?? 0) * 10) / 10, weight: weights[d], evidence: row.evidence[d] }));

/** GET /api/inpres/:code — the region's scorecard for a year, and its rank among its siblings. */
export async function scorecard(db: Db, code: string, year: number, asOf?: Period): Promise<Scorecard> {
  const region = await regionOrThrow(db, code);
  const period = asOfPeriod(year, asOf);
  const { weights } = await weightsInForce(db);
  let row: UnitRow;
  let rank: Scorecard['rank'] = null;
  if (code === NATIONAL || !region.parent_code) {
    const cov = await coverageReport(db, code, period);
    [row] = (await scoreUnits(db, { root: code, len: CODE_LENGTH[region.level]! }, [{ code, name: region.name }], new Map([[code, cov]]), year, period, weights)) as [UnitRow];
  } else {
    const parent = await regionOrThrow(db, region.parent_code);
    const siblings = await rankedChildren(db, parent.code, parent.level, year, period, weights);
    const own = siblings.find((s) => s.code === code)!;
    row = own;
    rank = { position: own.position, of: siblings.length };
  }
  const overdue = await overdueActionsOf(db, code, todayWib());
  return {
    region: { code: region.code, name: region.name, level: region.level },
    year,
    asOf: period,
    duties: dutiesOf(row, weights),
    targetGroups: row.groups.map((g) => ({ group: g.group, size: g.size, covered: g.covered, pct: pctOf(g.covered, g.size), source: g.source })),
    score: row.score,
    rank,
    desaSadar: { villagesDeclared: row.desaSadar.declared, villagesSadar: row.desaSadar.sadar },
    budget: {
      allocated: row.budget.allocated,
      fromPrograms: row.budget.fromPrograms,
      declared: row.budget.declared,
      billed: row.budget.billed,
      paid: row.budget.paid,
      villagesBudgeted: row.budget.villagesBudgeted,
      villagesTotal: row.budget.villagesTotal,
      villageAllocation: row.budget.villageAllocation,
    },
    overdueActions: overdue.map((a) => presentAction(a)),
    weights,
  };
}

/** GET /api/inpres/:code/children — the children ranked by score. */
export async function childrenScores(db: Db, code: string, year: number, asOf?: Period): Promise<ChildScore[]> {
  const region = await regionOrThrow(db, code);
  const { weights } = await weightsInForce(db);
  const rows = await rankedChildren(db, code, region.level, year, asOfPeriod(year, asOf), weights);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    score: r.score,
    position: r.position,
    duties: DUTIES.map((d) => ({ code: d, status: r.judged[d].status })),
    hasPerda: r.regs.binding > 0,
    budgeted: r.budget.allocated > 0,
    desaSadar: r.desaSadar.sadar,
    overdueActions: r.overdue,
  }));
}
