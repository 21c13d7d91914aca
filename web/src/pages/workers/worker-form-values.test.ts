import { describe, expect, it } from 'vitest';
import { checkForm, factsFromNik, type WorkerFormValues } from './worker-form-values';

const filled: WorkerFormValues = {
  nik: '3202011505900001',
  name: 'Siti Rahmawati',
  birthDate: '15/05/1990',
  sex: 'L',
  villagePath: [],
  address: 'Dusun Krajan RT 02/01',
  phone: '',
  occupation: '',
  enrol: true,
  group: 'PEKERJA_RENTAN',
  segment: 'BPU',
  programs: ['JKK', 'JKM'],
  income: '1.000.000',
  fundingSource: '',
};
const VILLAGE = '32.02.01.2001';

describe('worker form check (the domain rules, per field)', () => {
  it('accepts a complete form', () => {
    expect(checkForm(filled, VILLAGE)).toEqual({});
  });

  it("an empty form prompts per control; the name gets the server's message", () => {
    const empty: WorkerFormValues = { ...filled, nik: '', name: '', birthDate: '', sex: '', group: '', segment: '', income: '' };
    expect(checkForm(empty, '')).toEqual({
      nik: { prompt: 'workerForm.nikInvalid' },
      name: { message: { id: 'Nama wajib diisi.', en: 'Name is required.' } },
      birthDate: { prompt: 'workerForm.birthDateInvalid' },
      sex: { prompt: 'workerForm.sexRequired' },
      villageCode: { prompt: 'workerForm.villageRequired' },
      group: { prompt: 'workerForm.groupRequired' },
      segment: { prompt: 'workerForm.segmentRequired' },
    });
  });

  it('a birth date that disagrees with the NIK gets the same message the server gives', () => {
    const r = checkForm({ ...filled, birthDate: '16/05/1990' }, VILLAGE);
    expect(r.birthDate).toEqual({
      message: {
        id: 'Tanggal lahir 16/05/1990 tidak cocok dengan NIK (NIK menyatakan 15/05/..90).',
        en: 'Birth date 16/05/1990 does not match the NIK (the NIK says 15/05/..90).',
      },
    });
  });

  it('rules the server would refuse are shown before sending: BPU income minimum, JP for BPU, group vs segment', () => {
    expect(checkForm({ ...filled, income: '500000' }, VILLAGE).declaredIncome).toEqual({ message: { id: 'Penghasilan BPU minimal Rp1.000.000.', en: 'BPU declared income starts at Rp1,000,000.' } });
    expect(checkForm({ ...filled, programs: ['JKK', 'JKM', 'JP'] }, VILLAGE).programs).toMatchObject({ message: { id: 'Program JP tidak tersedia untuk segmen BPU.' } });
    expect(checkForm({ ...filled, group: 'NON_ASN' }, VILLAGE).segment).toMatchObject({ message: { en: 'Group Non-ASN cannot be enrolled as BPU (allowed: PU).' } });
  });

  it('unreadable income text asks for whole rupiah; without an enrolment no enrolment rules apply', () => {
    expect(checkForm({ ...filled, income: 'sejuta' }, VILLAGE).declaredIncome).toEqual({ prompt: 'workerForm.incomeInvalid' });
    expect(checkForm({ ...filled, enrol: false, group: '', segment: '', income: 'sejuta' }, VILLAGE)).toEqual({});
  });
});

describe('factsFromNik', () => {
  it('reads birth date and sex (women add 40 to the day)', () => {
    expect(factsFromNik('3202011505900001', new Date('2025-01-01'))).toEqual({ birthDate: '15/05/1990', sex: 'L' });
    expect(factsFromNik('3202015505100001', new Date('2025-01-01'))).toEqual({ birthDate: '15/05/2010', sex: 'P' });
    expect(factsFromNik('32020115059000', new Date('2025-01-01'))).toBeUndefined();
  });
});
