import { daysAgoInVietnam, todayInVietnam, yearInVietnam } from '../src/clock';

describe('the clock of Việt Nam (UTC+7, no daylight saving)', () => {
  it('turns the day at 17:00 UTC, not at midnight UTC', () => {
    expect(todayInVietnam(new Date('2026-06-30T16:59:59Z'))).toBe('2026-06-30');
    expect(todayInVietnam(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
  });

  it('counts days back across a month and a year', () => {
    const newYearMorning = new Date('2027-01-01T01:00:00+07:00');
    expect(daysAgoInVietnam(0, newYearMorning)).toBe('2027-01-01');
    expect(daysAgoInVietnam(1, newYearMorning)).toBe('2026-12-31');
    expect(daysAgoInVietnam(366, new Date('2028-12-31T12:00:00Z'))).toBe('2027-12-31');
    expect(yearInVietnam(new Date('2026-12-31T18:00:00Z'))).toBe(2027);
  });
});
