import { describe, expect, it } from 'vitest';
import { actionText, diffRows, entityText } from './audit-labels';

describe('audit viewer labels and diff', () => {
  it('names actions and record types in words, never by code', () => {
    expect(actionText('view_nik', 'id')).toBe('Melihat NIK lengkap');
    expect(actionText('view_nik', 'en')).toBe('Viewed a full NIK');
    expect(actionText('something_new', 'id')).toBe('Tindakan lain');
    expect(entityText('enrolment', 'id')).toBe('Kepesertaan');
  });
  it('lines up before and after by field, changed fields first', () => {
    expect(diffRows({ status: 'submitted', kpj: null, name: 'A' }, { status: 'registered', kpj: '12345678901', name: 'A' })).toEqual([
      { field: 'status', before: 'submitted', after: 'registered', changed: true },
      { field: 'kpj', before: '–', after: '12345678901', changed: true },
      { field: 'name', before: 'A', after: 'A', changed: false },
    ]);
    expect(diffRows(null, { n: 1 })).toEqual([{ field: 'n', before: '', after: '1', changed: true }]);
    expect(diffRows(null, null)).toEqual([]);
  });
});
