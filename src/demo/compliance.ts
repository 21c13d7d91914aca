/**
 * Demo data for compliance, outreach and Perisai agents (issue 6), deterministic per seed:
 * employers in the seed regencies with a realistic mix of compliant, PWBD and PDS; cases at every
 * step; outreach reaching 378 of the 381 desa of Kab. Sukabumi (seed 000); a few Perisai agents.
 * Pure: takes the region list, returns a plan; src/demo/load-compliance.ts applies it.
 */
import type { SizeClass } from '../domain/compliance.js';
import type { CaseStep } from '../domain/compliance-case.js';
import type { Audience } from '../domain/outreach.js';
import type { Program } from '../domain/worker.js';
import type { RegionRef } from './generate.js';
import { seededRandom } from './random.js';

export interface DemoEmployer {
  name: string;
  npp: string | null;
  nib: string;
  sector: string;
  sizeClass: SizeClass;
  villageCode: string;
  address: string;
  employeesDeclared: number;
  workersRegistered: number;
  wageReported: number | null;
  wageActual: number;
  programs: Program[];
  /** the step of the demo case opened on it, if any */
  caseStep?: CaseStep;
  caseOverdue?: boolean;
}

export interface DemoOutreach {
  heldOn: string;
  title: string;
  organiser: string;
  audiences: Audience[];
  attendance: number;
  enrolmentsAfter: number;
  villageCodes: string[];
}

export interface DemoAgent {
  nik: string;
  name: string;
  areaCode: string;
  joinedOn: string;
  /** how many BPU enrolments of the area to credit, and whether the agent stopped recruiting long ago */
  recruits: number;
  idle: boolean;
}

export interface DemoCompliancePlan {
  umk: { regencyCode: string; year: number; amount: number; legalBasis: string }[];
  employers: DemoEmployer[];
  outreach: DemoOutreach[];
  agents: DemoAgent[];
}

/** Demo UMK in rupiah (rounded; not official figures). */
const UMK: Record<string, [number, number]> = { '32.02': [3_604_000, 3_830_000], '32.13': [3_500_000, 3_720_000] };
const DEFAULT_UMK: [number, number] = [2_670_000, 2_840_000];

const SECTORS: [string, SizeClass, number, number][] = [
  ['Garmen', 'large', 300, 2500],
  ['Alas kaki', 'large', 250, 1800],
  ['Pengolahan air minum', 'medium', 60, 250],
  ['Perkebunan teh', 'medium', 80, 400],
  ['Pertambangan pasir', 'medium', 30, 120],
  ['Hotel dan restoran', 'small', 10, 45],
  ['Perdagangan', 'small', 5, 40],
  ['Bengkel', 'micro', 2, 8],
  ['Konveksi rumahan', 'micro', 3, 9],
  ['Peternakan ayam', 'small', 8, 30],
];
const NAME_A = ['Sinar', 'Mitra', 'Karya', 'Putra', 'Sumber', 'Cahaya', 'Bina', 'Mega', 'Jaya', 'Sentosa', 'Makmur', 'Abadi'];
const NAME_B = ['Lestari', 'Mandiri', 'Sejahtera', 'Utama', 'Perkasa', 'Nusantara', 'Pratama', 'Selaras', 'Indah', 'Baru'];
const REQUIRED: Record<SizeClass, Program[]> = { micro: ['JKK', 'JKM', 'JHT'], small: ['JKK', 'JKM', 'JHT'], medium: ['JKK', 'JKM', 'JHT', 'JP'], large: ['JKK', 'JKM', 'JHT', 'JP'] };
const KIND_MIX = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'pwbd', 'pwbd', 'tk', 'tk', 'tk', 'upah', 'upah', 'program', 'multi'] as const;
const CASE_STEPS_DEMO: CaseStep[] = ['open', 'warning_1', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved', 'closed'];

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

export function generateComplianceDemo(seed: number, regencies: RegionRef[], villages: RegionRef[], year: number): DemoCompliancePlan {
  const rnd = seededRandom(seed ^ 0x6c6f6b);
  const umk: DemoCompliancePlan['umk'] = [];
  const employers: DemoEmployer[] = [];
  const usedNames = new Set<string>();
  let nib = 9120000000000 + (seed % 1000) * 1000;
  let npp = 10_000_000;

  for (const k of regencies) {
    const [prev, cur] = UMK[k.code] ?? DEFAULT_UMK;
    umk.push({ regencyCode: k.code, year: year - 1, amount: prev, legalBasis: 'Demo — bukan angka resmi' });
    umk.push({ regencyCode: k.code, year, amount: cur, legalBasis: 'Demo — bukan angka resmi' });
    const desa = villages.filter((v) => v.code.startsWith(`${k.code}.`) && v.code.split('.')[3]!.startsWith('2'));
    if (desa.length === 0) continue;
    const seedRegency = UMK[k.code] !== undefined;
    const n = seedRegency ? 45 : 6;
    let caseIndex = 0;
    for (let i = 0; i < n; i++) {
      const [sector, size, minW, maxW] = rnd.pick(SECTORS);
      let name: string;
      do name = `${size === 'micro' ? 'CV' : 'PT'} ${rnd.pick(NAME_A)} ${rnd.pick(NAME_B)} ${sector.split(' ')[0]}`;
      while (usedNames.has(name) && usedNames.size < 5000);
      usedNames.add(name);
      const v = rnd.pick(desa);
      const employees = rnd.int(minW, maxW);
      const wageActual = Math.round((cur * (1 + rnd.int(0, 40) / 100)) / 1000) * 1000;
      const kind = rnd.pick(KIND_MIX);
      const e: DemoEmployer = {
        name,
        npp: `${++npp}`,
        nib: String(++nib),
        sector,
        sizeClass: size,
        villageCode: v.code,
        address: `Jl. Raya ${titleCase(v.name)} No. ${rnd.int(1, 250)}`,
        employeesDeclared: employees,
        workersRegistered: employees,
        wageReported: wageActual,
        wageActual,
        programs: [...REQUIRED[size]],
      };
      if (kind === 'pwbd') Object.assign(e, { npp: null, workersRegistered: 0, wageReported: null, programs: [] });
      if (kind === 'tk' || kind === 'multi') e.workersRegistered = Math.max(1, Math.round(employees * rnd.int(20, 80) / 100));
      if (kind === 'upah' || kind === 'multi') e.wageReported = Math.round((cur * rnd.int(70, 95)) / 100 / 1000) * 1000;
      if (kind === 'program' || (kind === 'multi' && REQUIRED[size].includes('JP'))) e.programs = REQUIRED[size].filter((p) => p !== 'JP' && (size === 'micro' || size === 'small' ? p !== 'JHT' : true));
      if (kind !== 'ok' && k.code === '32.02' && caseIndex < CASE_STEPS_DEMO.length) {
        e.caseStep = CASE_STEPS_DEMO[caseIndex];
        e.caseOverdue = caseIndex === 1; // one first warning left past its deadline
        caseIndex++;
      }
      employers.push(e);
    }
  }

  // Outreach: in Kab. Sukabumi one event per district, together reaching every desa but three.
  const outreach: DemoOutreach[] = [];
  const sukabumiDesa = villages.filter((v) => v.code.startsWith('32.02.') && v.code.split('.')[3]!.startsWith('2'));
  const notReached = new Set(rnd.sample(sukabumiDesa, 3).map((v) => v.code));
  const byDistrict = new Map<string, string[]>();
  for (const v of sukabumiDesa) {
    if (notReached.has(v.code)) continue;
    const d = v.code.slice(0, 8);
    byDistrict.set(d, [...(byDistrict.get(d) ?? []), v.code]);
  }
  let day = 0;
  for (const [district, codes] of byDistrict) {
    day += rnd.int(3, 9);
    const date = new Date(Date.UTC(year - 1, 0, 6 + day)).toISOString().slice(0, 10);
    outreach.push({
      heldOn: date,
      title: `Sosialisasi Jamsostek desa-desa Kecamatan ${district}`,
      organiser: rnd.pick(['Disnaker Kab. Sukabumi', 'BPJS TK Kantor Cabang Sukabumi', 'Disnaker & BPJS TK Sukabumi']),
      audiences: rnd.sample(['village_heads', 'village_officials', 'workers', 'employers', 'community'], rnd.int(2, 3)),
      attendance: codes.length * rnd.int(8, 20),
      enrolmentsAfter: codes.length * rnd.int(2, 12),
      villageCodes: codes,
    });
  }
  const subangDesa = villages.filter((v) => v.code.startsWith('32.13.') && v.code.split('.')[3]!.startsWith('2'));
  if (subangDesa.length) {
    outreach.push({
      heldOn: `${year - 1}-08-14`,
      title: 'Sosialisasi perlindungan perangkat desa dari Dana Desa',
      organiser: 'DPMD Kab. Subang',
      audiences: ['village_heads', 'village_officials'],
      attendance: 160,
      enrolmentsAfter: 75,
      villageCodes: rnd.sample(subangDesa, Math.min(40, subangDesa.length)).map((v) => v.code),
    });
  }

  const agents: DemoAgent[] = [];
  const givens = ['Euis', 'Asep', 'Siti', 'Dedi', 'Rina', 'Ujang'];
  const families = ['Rahmawati', 'Supriatna', 'Nurhayati', 'Hidayat', 'Lestari', 'Permana'];
  for (const [i, regency] of ['32.02', '32.02', '32.02', '32.02', '32.13', '32.13'].entries()) {
    agents.push({
      nik: `${regency.replace('.', '')}01${String(10 + i).padStart(2, '0')}0${i + 1}88${String(100 + i).padStart(4, '0')}`,
      name: `${givens[i]} ${families[i]}`,
      areaCode: regency,
      joinedOn: `${year - 1}-0${(i % 6) + 1}-10`,
      recruits: [24, 15, 9, 6, 12, 4][i]!,
      idle: i === 3,
    });
  }
  return { umk, employers, outreach, agents };
}
