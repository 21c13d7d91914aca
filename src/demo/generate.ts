import type { Role } from '../domain/roles.js';
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

export interface DemoPlan {
  scale: DemoScale;
  seed: number;
  label: string;
  users: DemoUser[];
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
  return { scale, seed, label: DEMO_LABEL, users: [...users.values()] };
}
