/**
 * Inpres 2/2021 demo (issue 15), DATA DEMO SINTETIS: a Perbup for Kab. Sukabumi, the Sukabumi rakor of
 * 16/12/2024 with plausible follow-up actions (some done, some overdue), a Subang Perbup mandating
 * Dana Desa with some villages' allocations declared, the Bengkulu Pergub and its 39,487 pekerja
 * rentan, and the seed regencies' declared target groups for every year from 2024 to this one.
 * Idempotent: adds only what is missing (matched by number, title or key), so an existing demo
 * database gets it on its next start. Regulation PDFs are synthetic, written under the OS temporary
 * directory and rewritten at start when missing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { type Actor, audited } from '../db/tx.js';
import type { ActionStatus, RegulationType, Requirement } from '../domain/inpres.js';
import { addDays, todayWib } from '../domain/wib.js';
import type { Group } from '../domain/worker.js';

const LABEL = 'DATA DEMO SINTETIS';
const DIR = join(tmpdir(), 'semesta-demo-regulations');

interface DemoRegulation {
  region: string;
  type: RegulationType;
  number: string;
  title: string;
  signedOn: string;
  groups: Group[];
  requires: Requirement[];
}

const REGULATIONS: DemoRegulation[] = [
  {
    region: '32.02',
    type: 'PERKADA',
    number: 'Perbup Sukabumi Nomor 45 Tahun 2024 (DEMO)',
    title: `Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan, Non-ASN dan Perangkat Desa — ${LABEL}`,
    signedOn: '2024-11-20',
    groups: ['PEKERJA_RENTAN', 'NON_ASN', 'PERANGKAT_DESA'],
    requires: ['BUDGET_LINE'],
  },
  {
    region: '32.13',
    type: 'PERKADA',
    number: 'Perbup Subang Nomor 12 Tahun 2025 (DEMO)',
    title: `Kewajiban Penganggaran Iuran Jamsostek Perangkat Desa, BPD dan Pekerja Konstruksi Desa dalam APBDes — ${LABEL}`,
    signedOn: '2025-01-13',
    groups: ['PERANGKAT_DESA', 'BPD', 'KONSTRUKSI_DESA'],
    requires: ['VILLAGE_BUDGET'],
  },
  {
    region: '17',
    type: 'PERKADA',
    number: 'Pergub Bengkulu Nomor 7 Tahun 2025 (DEMO)',
    title: `Perlindungan 39.487 Pekerja Rentan melalui APBD Provinsi — ${LABEL}`,
    signedOn: '2025-01-06',
    groups: ['PEKERJA_RENTAN'],
    requires: ['BUDGET_LINE'],
  },
];

const RAKOR = {
  region: '32.02',
  heldOn: '2024-12-16',
  title: `Rapat Koordinasi Optimalisasi Jaminan Sosial Ketenagakerjaan Kabupaten Sukabumi (${LABEL})`,
  place: 'Pendopo Kabupaten Sukabumi',
  agencies: ['Bappeda', 'BPKAD', 'Inspektorat', 'Kejaksaan Negeri', 'Disnaker', 'DPMD', 'BKD', 'BPJS Ketenagakerjaan Cabang Sukabumi'],
};
const rakorActions = (today: string): { decision: string; owner: string; due: string; status: ActionStatus; doneOn: string | null }[] => [
  { decision: 'Menganggarkan iuran 10.000 pekerja rentan dalam APBD 2025', owner: 'BPKAD', due: '2025-01-31', status: 'done', doneOn: '2025-01-20' },
  { decision: 'Menerbitkan surat edaran Bupati tentang pendaftaran Non-ASN ke seluruh perangkat daerah', owner: 'Bagian Hukum', due: '2025-02-28', status: 'open', doneOn: null },
  { decision: 'Memadankan daftar Non-ASN BKD dengan data kepesertaan BPJS Ketenagakerjaan', owner: 'BKD', due: '2025-03-31', status: 'in_progress', doneOn: null },
  { decision: 'Sosialisasi ke 381 desa melalui camat dan pendamping desa', owner: 'DPMD', due: '2025-06-30', status: 'done', doneOn: '2025-06-12' },
  { decision: 'Menyerahkan perusahaan PWBD yang tidak menanggapi teguran ke Kejaksaan dengan SKK', owner: 'BPJS Ketenagakerjaan / Kejaksaan Negeri', due: addDays(today, 60), status: 'open', doneOn: null },
];

/** Declared target groups of the seed regions, each year from 2024 to this one. */
const GROUP_DECLARATIONS: { region: string; group: Group; size: number; source: string }[] = [
  { region: '32.02', group: 'NON_ASN', size: 4210, source: `Daftar Non-ASN BKD Kab. Sukabumi (${LABEL})` },
  { region: '32.02', group: 'PERANGKAT_DESA', size: 2286, source: `Rekap DPMD Kab. Sukabumi (${LABEL})` },
  { region: '32.02', group: 'RT_RW', size: 3900, source: `Rekap kecamatan (${LABEL})` },
  { region: '32.02', group: 'PEKERJA_RENTAN', size: 10000, source: `Perbup 45/2024, kuota APBD (${LABEL})` },
  { region: '32.13', group: 'PERANGKAT_DESA', size: 2530, source: `Rekap DPMD Kab. Subang (${LABEL})` },
  { region: '32.13', group: 'BPD', size: 1771, source: `Rekap DPMD Kab. Subang (${LABEL})` },
  { region: '17', group: 'PEKERJA_RENTAN', size: 39487, source: `Pergub 7/2025, SK penerima (${LABEL})` },
];

/** Subang: the Perbup mandates Dana Desa for officials; about 40% of its desa have declared their allocation. */
const SUBANG = '32.13';
const VILLAGE_ALLOCATION = 20 * 16_800 * 12; // 20 officials × the Rp16.800 package × 12 months

function demoPdf(path: string, title: string) {
  // a minimal valid one-page PDF naming the regulation and saying it is synthetic
  const text = `${title} — ${LABEL}`.replace(/[()\\]/g, ' ').replace(/[^\x20-\x7e]/g, '-');
  const stream = `BT /F1 10 Tf 40 800 Td (${text.slice(0, 110)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path, body, 'latin1');
  return Buffer.byteLength(body, 'latin1');
}

export async function loadDemoInpres(db: Db, actor: Actor): Promise<{ added: number }> {
  const present = new Set((await db.selectFrom('region').select('code').where('code', 'in', ['17', '32.02', SUBANG]).execute()).map((r) => r.code));
  if (present.size < 3) return { added: 0 };
  const today = todayWib();
  const year = Number(today.slice(0, 4));
  const years = Array.from({ length: year - 2024 + 1 }, (_, i) => 2024 + i);

  // demo PDFs live in the temporary directory: rewrite any that is gone
  for (const r of await db.selectFrom('regulation').select(['document_path', 'title']).where('created_by', '=', actor.username).execute()) {
    if (!existsSync(r.document_path)) demoPdf(r.document_path, r.title);
  }

  return audited(db, actor, async (tx) => {
    let added = 0;
    const audit = [];
    const known = new Set((await tx.selectFrom('regulation').select('number').where('number', 'in', REGULATIONS.map((r) => r.number)).execute()).map((r) => r.number));
    for (const [i, r] of REGULATIONS.entries()) {
      if (known.has(r.number)) continue;
      const path = join(DIR, `demo-${i + 1}.pdf`);
      const size = demoPdf(path, `${r.number} ${r.title}`);
      const row = await tx
        .insertInto('regulation')
        .values({ region_code: r.region, type: r.type, number: r.number, title: r.title, signed_on: r.signedOn, groups: r.groups, requires: r.requires, document_path: path, document_name: `${r.number}.pdf`, document_size: size, created_by: actor.username })
        .returning(['id', 'region_code'])
        .executeTakeFirstOrThrow();
      audit.push({ action: 'create', entityType: 'regulation', entityId: String(row.id), regionCode: row.region_code, before: null, after: { number: r.number, demo: true } });
      added++;
    }

    const meeting = await tx.selectFrom('inpres_meeting').select('id').where('region_code', '=', RAKOR.region).where('held_on', '=', RAKOR.heldOn).where('title', '=', RAKOR.title).executeTakeFirst();
    if (!meeting) {
      const m = await tx.insertInto('inpres_meeting').values({ region_code: RAKOR.region, held_on: RAKOR.heldOn, title: RAKOR.title, place: RAKOR.place, agencies: RAKOR.agencies, created_by: actor.username }).returning('id').executeTakeFirstOrThrow();
      await tx
        .insertInto('inpres_action')
        .values(rakorActions(today).map((a) => ({ meeting_id: m.id, region_code: RAKOR.region, decision: a.decision, owner_agency: a.owner, due_on: a.due, status: a.status, done_on: a.doneOn })))
        .execute();
      audit.push({ action: 'create', entityType: 'inpres_meeting', entityId: String(m.id), regionCode: RAKOR.region, before: null, after: { title: RAKOR.title, demo: true } });
      added++;
    }

    // declared groups: only keys not declared yet (an operator's own declaration is kept)
    const groups = await sql<{ n: number }>`
      INSERT INTO target_group (region_code, year, group_code, size, source, updated_by)
      SELECT g.region_code, y.year, g.group_code, g.size, g.source, ${actor.username}
      FROM unnest(${GROUP_DECLARATIONS.map((g) => g.region)}::text[], ${GROUP_DECLARATIONS.map((g) => g.group)}::text[],
                  ${GROUP_DECLARATIONS.map((g) => g.size)}::int[], ${GROUP_DECLARATIONS.map((g) => g.source)}::text[]) AS g(region_code, group_code, size, source)
      CROSS JOIN unnest(${years}::int[]) AS y(year)
      ON CONFLICT (region_code, year, group_code) DO NOTHING
      RETURNING 1 AS n`.execute(tx);
    added += groups.rows.length;

    // Subang's Dana Desa mandate: the desa with an even last digit declare their allocation for each year
    const alloc = await sql<{ n: number }>`
      INSERT INTO budget_allocation (region_code, fiscal_year, source, amount, note, created_by)
      SELECT v.code, y.year, 'DANA_DESA', ${VILLAGE_ALLOCATION}, ${`APBDes, amanat Perbup Subang 12/2025 (${LABEL})`}, ${actor.username}
      FROM region v CROSS JOIN unnest(${years.filter((y) => y >= 2025)}::int[]) AS y(year)
      WHERE v.level = 'village' AND v.kind = 'desa' AND v.code >= ${`${SUBANG}.`} AND v.code < ${`${SUBANG}/`}
        AND right(v.code, 1) IN ('0', '2', '4', '6', '8')
        AND NOT EXISTS (SELECT 1 FROM budget_allocation a WHERE a.region_code = v.code AND a.fiscal_year = y.year AND a.created_by = ${actor.username})
      RETURNING 1 AS n`.execute(tx);
    added += alloc.rows.length;
    if (groups.rows.length || alloc.rows.length) {
      audit.push({ action: 'generate', entityType: 'inpres_demo', entityId: String(year), regionCode: null, before: null, after: { targetGroups: groups.rows.length, allocations: alloc.rows.length, label: LABEL } });
    }
    return { result: { added }, audit };
  });
}
