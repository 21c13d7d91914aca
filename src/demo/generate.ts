import type { Role } from '../domain/roles.js';
import type { EnrolmentStatus, Group, Segment } from '../domain/worker.js';
import { seededRandom } from './random.js';

/**
 * The deterministic demo data set: plausible, clearly labelled synthetic data for the seed regions
 * (Kab. Sukabumi 32.02, Kab. Subang 32.13, Prov. Bengkulu 17 and its 10 regencies/cities).
 * Pure: it takes the region list it may draw from and returns a plan; src/demo/load.ts applies it.
 * Later capabilities add their own sections (workers, funding, employers, outreach) to the plan.
 */
export const DEMO_SCALES = ['regency', 'province', 'national'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export const DEMO_PASSWORD = 'semesta-demo';
export const DEMO_LABEL = 'DATA DEMO SINTETIS — bukan data sebenarnya / synthetic demo data, not real';
export const DEFAULT_SEED = 20210325; // Inpres 2/2021 was signed on 25 March 2021

export const SEED_REGENCIES = ['32.02', '32.13'] as const;
export const SEED_PROVINCE = '17';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

export interface DemoWorker {
  nik: string;
  name: string;
  birthDate: string;
  sex: 'L' | 'P';
  villageCode: string;
  address: string;
  occupation: string;
  segment: Segment;
  group: Group;
  programs: string[];
  declaredIncome: number;
  fundingSource: string;
  status: EnrolmentStatus;
  kpj: string | null;
}

export interface DemoPlan {
  scale: DemoScale;
  seed: number;
  label: string;
  users: DemoUser[];
  workers: DemoWorker[];
}

export interface RegionRef {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
}

/** The documented demo logins (README and start-up banner). */
export const DEMO_ACCOUNTS: DemoUser[] = [
  { username: 'nasional', displayName: 'Pemantau Nasional (Demo)', role: 'national_monitor', regionCode: 'ID' },
  { username: 'auditor', displayName: 'Auditor Inspektorat (Demo)', role: 'auditor', regionCode: 'ID' },
  { username: 'prov.bengkulu', displayName: 'Operator Provinsi Bengkulu (Demo)', role: 'province_operator', regionCode: '17' },
  { username: 'kab.sukabumi', displayName: 'Operator Kabupaten Sukabumi (Demo)', role: 'regency_operator', regionCode: '32.02' },
  { username: 'kab.subang', displayName: 'Operator Kabupaten Subang (Demo)', role: 'regency_operator', regionCode: '32.13' },
  { username: 'desa.balingbing', displayName: 'Sekdes Balingbing (Demo)', role: 'village_operator', regionCode: '32.13.28.2007' },
  { username: 'bpjs.sukabumi', displayName: 'Kantor Cabang BPJS TK Sukabumi (Demo)', role: 'bpjs_branch', regionCode: '32.02' },
  // compliance (issue 6)
  { username: 'disnaker.sukabumi', displayName: 'Pengawas Ketenagakerjaan Disnaker Sukabumi (Demo)', role: 'labour_inspector', regionCode: '32.02' },
];

const GIVEN = ['Asep', 'Dedi', 'Euis', 'Siti', 'Rina', 'Ujang', 'Yani', 'Agus', 'Nining', 'Iwan', 'Lilis', 'Dadang', 'Wawan', 'Tuti', 'Cecep', 'Neng'];
const FAMILY = ['Supriatna', 'Hidayat', 'Rahmawati', 'Kurniawan', 'Nurhayati', 'Saputra', 'Permana', 'Lestari', 'Gunawan', 'Maryani'];

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/^(kabupaten|kota)\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30);

export function regionsInScale(scale: DemoScale, regencies: RegionRef[]): RegionRef[] {
  const seedSet = new Set<string>(SEED_REGENCIES);
  return regencies.filter(
    (r) =>
      r.level === 'regency' &&
      (seedSet.has(r.code) ||
        (scale !== 'regency' && r.code.startsWith(`${SEED_PROVINCE}.`)) ||
        scale === 'national'),
  );
}

/**
 * @param regions provinces, regencies and villages to draw from (villages only of the regencies in scale)
 */
export function generateDemo(scale: DemoScale, seed: number, regions: RegionRef[]): DemoPlan {
  const rnd = seededRandom(seed);
  const users = new Map(DEMO_ACCOUNTS.map((u) => [u.username, u]));
  const add = (u: DemoUser) => {
    if (!users.has(u.username)) users.set(u.username, u);
  };
  const person = () => `${rnd.pick(GIVEN)} ${rnd.pick(FAMILY)}`;

  if (scale === 'national') {
    for (const p of regions.filter((r) => r.level === 'province')) {
      add({ username: `prov.${slug(p.name)}`, displayName: `Operator Provinsi ${p.name} (Demo)`, role: 'province_operator', regionCode: p.code });
    }
  }
  const regencies = regionsInScale(scale, regions);
  for (const k of regencies) {
    const prefix = k.name.startsWith('Kota') ? 'kota' : 'kab';
    add({ username: `${prefix}.${slug(k.name)}`, displayName: `Operator ${k.name} (Demo)`, role: 'regency_operator', regionCode: k.code });
    // A few village secretaries per regency, so village-level screens have someone to show.
    const villages = regions.filter((v) => v.level === 'village' && v.code.startsWith(`${k.code}.`));
    for (const v of rnd.sample(villages, Math.min(villages.length, scale === 'national' ? 1 : 5))) {
      add({ username: `desa.${slug(v.name)}.${v.code.replace(/\./g, '')}`, displayName: `Sekdes ${v.name} — ${person()} (Demo)`, role: 'village_operator', regionCode: v.code });
    }
  }
  return { scale, seed, label: DEMO_LABEL, users: [...users.values()], workers: demoWorkers(rnd, regencies, regions) };
}

const FEMALE = new Set(['Euis', 'Siti', 'Rina', 'Yani', 'Nining', 'Lilis', 'Tuti', 'Neng']);

/** Who a village typically protects first, with the segment, programmes and payer that go with it. */
const PROFILES: { group: Group; segment: Segment; occupation: string; weight: number }[] = [
  { group: 'PEKERJA_RENTAN', segment: 'BPU', occupation: 'Petani', weight: 40 },
  { group: 'PEKERJA_RENTAN', segment: 'BPU', occupation: 'Nelayan', weight: 10 },
  { group: 'PERANGKAT_DESA', segment: 'BPU', occupation: 'Perangkat Desa', weight: 12 },
  { group: 'BPD', segment: 'BPU', occupation: 'Anggota BPD', weight: 5 },
  { group: 'RT_RW', segment: 'BPU', occupation: 'Ketua RT', weight: 10 },
  { group: 'KONSTRUKSI_DESA', segment: 'JAKON', occupation: 'Tukang Bangunan', weight: 8 },
  { group: 'NON_ASN', segment: 'PU', occupation: 'Tenaga Honorer', weight: 10 },
  { group: 'PEKERJA_HARIAN_LEPAS', segment: 'BPU', occupation: 'Buruh Harian', weight: 5 },
];

/** 5 to 25 workers in each of 30 villages per seed regency: enough to browse, search and export. */
function demoWorkers(rnd: ReturnType<typeof seededRandom>, regencies: RegionRef[], regions: RegionRef[]): DemoWorker[] {
  const seedRegencies = regencies.filter((k) => (SEED_REGENCIES as readonly string[]).includes(k.code) || k.code.startsWith(`${SEED_PROVINCE}.`));
  const workers: DemoWorker[] = [];
  const niks = new Set<string>();
  const weighted = PROFILES.flatMap((p) => Array<typeof p>(p.weight).fill(p));
  for (const k of seedRegencies) {
    const regencyName = k.name.replace(/^KABUPATEN /, 'Kab. ').replace(/^KOTA /, 'Kota ');
    const villages = regions.filter((v) => v.level === 'village' && v.code.startsWith(`${k.code}.`));
    for (const v of rnd.sample(villages, Math.min(30, villages.length))) {
      for (let i = rnd.int(5, 25); i > 0; i--) {
        const given = rnd.pick(GIVEN);
        const sex = FEMALE.has(given) ? 'P' : 'L';
        const year = rnd.int(1965, 2004);
        const month = rnd.int(1, 12);
        const day = rnd.int(1, 28);
        const prefix = v.code.split('.').slice(0, 3).join('');
        const dateDigits = `${String(day + (sex === 'P' ? 40 : 0)).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
        let nik: string;
        do nik = `${prefix}${dateDigits}${String(rnd.int(1, 9999)).padStart(4, '0')}`;
        while (niks.has(nik));
        niks.add(nik);
        const p = rnd.pick(weighted);
        const status = rnd.pick<EnrolmentStatus>(['active', 'active', 'active', 'active', 'registered', 'submitted', 'lapsed']);
        const villageName = v.name.replace(/\b\w/g, (c) => c.toUpperCase());
        workers.push({
          nik,
          name: `${given} ${rnd.pick(FAMILY)}`,
          birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          sex,
          villageCode: v.code,
          address: `Kp. ${villageName} RT 0${rnd.int(1, 9)}/0${rnd.int(1, 9)}`,
          occupation: p.occupation,
          segment: p.segment,
          group: p.group,
          programs: p.segment === 'PU' ? ['JKK', 'JKM', 'JHT', 'JP'] : ['JKK', 'JKM'],
          declaredIncome: p.segment === 'PU' ? rnd.int(20, 45) * 100_000 : 1_000_000,
          fundingSource:
            p.group === 'PERANGKAT_DESA' || p.group === 'BPD' || p.group === 'RT_RW' || p.group === 'KONSTRUKSI_DESA'
              ? `Dana Desa ${villageName} 2025`
              : p.group === 'NON_ASN'
                ? `APBD ${regencyName} 2025`
                : rnd.pick([`APBD ${regencyName} 2025`, `APBD ${regencyName} 2025`, 'CSR (demo)', 'Mandiri']),
          status,
          kpj: status === 'submitted' ? null : String(rnd.int(10_000_000, 99_999_999)) + String(rnd.int(100, 999)),
        });
      }
    }
  }
  return workers;
}
