import { describe, expect, it } from 'vitest';
import { hasLapsed, lapseDate, lapseOutlook, lapseReason } from './lapse.js';

describe('the lapse rule', () => {
  it('lapses the day after the due date of the third unpaid billed month', () => {
    expect(lapseDate({ months: 3, unpaidDueDates: ['2025-02-17', '2025-03-17', '2025-04-15', '2025-05-15'], lastBilledMonth: '2025-04-01' })).toBe('2025-04-16');
  });
  it('counts months still to bill after the last bill, each due the 15th (a weekend 15th moved to Monday)', () => {
    // January 2027 billed and unpaid; February and March still to bill → March due Thu 15 April 2027
    expect(lapseDate({ months: 3, unpaidDueDates: ['2027-02-15'], lastBilledMonth: '2027-01-01' })).toBe('2027-04-16');
    // nothing unpaid: April 2027 is the third month to come, due 15 May 2027, a Saturday → Monday 17 May
    expect(lapseDate({ months: 3, unpaidDueDates: [], lastBilledMonth: '2027-01-01' })).toBe('2027-05-18');
    expect(lapseDate({ months: 3, unpaidDueDates: [], lastBilledMonth: null })).toBeNull();
  });
  it('follows the date-effective number of months', () => {
    expect(lapseDate({ months: 1, unpaidDueDates: ['2025-02-17', '2025-03-17'], lastBilledMonth: '2025-02-01' })).toBe('2025-02-18');
    expect(() => lapseDate({ months: 0, unpaidDueDates: [], lastBilledMonth: null })).toThrow(RangeError);
    expect(lapseReason(3)).toBe('unpaid_3_months');
  });
  it('agrees with the sweep: lapsed from the lapse date on, not before', () => {
    const due = ['2025-02-17', '2025-03-17', '2025-04-15'];
    const date = lapseDate({ months: 3, unpaidDueDates: due, lastBilledMonth: '2025-03-01' })!;
    expect(hasLapsed(due, 3, '2025-04-15')).toBe(false);
    expect(hasLapsed(due, 3, date)).toBe(true);
    expect(lapseOutlook(date, '2025-04-15', 30)).toBe('within');
    expect(lapseOutlook(date, date, 30)).toBe('lapsed');
    expect(lapseOutlook(date, '2025-05-20', 30)).toBe('lapsed');
    expect(lapseOutlook(date, '2025-03-01', 30)).toBe('later');
    expect(lapseOutlook(date, '2025-03-17', 30)).toBe('within');
  });
});
