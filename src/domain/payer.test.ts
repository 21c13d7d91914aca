import { describe, expect, it } from 'vitest';
import { payerIndex, resolvePayer } from './payer.js';

const programs = [
  { id: 1, name: 'APBD Kab. Sukabumi', regionCode: '32.02', segment: 'BPU', fiscalYear: 2025 },
  { id: 2, name: 'APBD Kab. Sukabumi', regionCode: '32.02', segment: 'BPU', fiscalYear: 2026 },
  { id: 3, name: 'APBD Kab. Sukabumi', regionCode: '32.02', segment: 'PU', fiscalYear: 2026 },
  { id: 4, name: 'Dana Desa Cidahu', regionCode: '32.02.01.2002', segment: 'BPU', fiscalYear: 2026 },
  { id: 5, name: 'CSR Nasional', regionCode: 'ID', segment: 'BPU', fiscalYear: 2026 },
  { id: 6, name: 'Dana Desa Cidahu', regionCode: '32.02', segment: 'BPU', fiscalYear: 2026 },
];
const index = payerIndex(programs);

describe('the payer a row names', () => {
  it('matches the name in any case, for the row’s segment, latest fiscal year first', () => {
    expect(resolvePayer(index, ' apbd kab. SUKABUMI ', 'BPU', '32.02.01.2002')?.id).toBe(2);
    expect(resolvePayer(index, 'APBD Kab. Sukabumi', 'PU', '32.02.01.2002')?.id).toBe(3);
  });

  it('only where the programme pays: its owner region contains the village; the nearest owner wins', () => {
    expect(resolvePayer(index, 'APBD Kab. Sukabumi', 'BPU', '32.13.28.2007')).toBeUndefined();
    expect(resolvePayer(index, 'Dana Desa Cidahu', 'BPU', '32.02.01.2002')?.id).toBe(4);
    expect(resolvePayer(index, 'Dana Desa Cidahu', 'BPU', '32.02.01.2003')?.id).toBe(6);
    expect(resolvePayer(index, 'CSR Nasional', 'BPU', '17.01.01.2001')?.id).toBe(5);
  });

  it('accepts the programme id as 17 or #17, and nothing for an empty payer or segment', () => {
    expect(resolvePayer(index, '#4', 'BPU', '32.02.01.2002')?.id).toBe(4);
    expect(resolvePayer(index, '1', 'BPU', '32.02.01.2002')?.id).toBe(1);
    expect(resolvePayer(index, '', 'BPU', '32.02.01.2002')).toBeUndefined();
    expect(resolvePayer(index, 'APBD Kab. Sukabumi', null, '32.02.01.2002')).toBeUndefined();
  });
});
