import fc from 'fast-check';
import { acceptsPublication, closedCampaignRoundStatus, currentRoundStatus } from '../src/domain/rounds';

const now = new Date('2026-06-01T03:00:00Z');

describe('a closed campaign’s round', () => {
  it('is CLOSING exactly while the window runs or an appeal is open', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 })), fc.nat(3), (offset, openAppeals) => {
        const appealDeadline = offset === null ? null : new Date(now.getTime() + offset);
        const expected = openAppeals > 0 || (appealDeadline !== null && appealDeadline >= now) ? 'CLOSING' : 'CLOSED';
        expect(closedCampaignRoundStatus({ appealDeadline, openAppeals }, now)).toBe(expected);
      }),
    );
  });

  it('reads as CLOSED once time has passed, and leaves the other statuses as stored', () => {
    const passed = { appealDeadline: new Date(now.getTime() - 1), openAppeals: 0 };
    expect(currentRoundStatus('CLOSING', passed, now)).toBe('CLOSED');
    expect(currentRoundStatus('PUBLISHED', passed, now)).toBe('PUBLISHED');
    expect(currentRoundStatus('OPEN', { appealDeadline: null, openAppeals: 0 }, now)).toBe('OPEN');
  });

  it('takes publications only while the campaign runs', () => {
    expect(['OPEN', 'PUBLISHED', 'CLOSING', 'CLOSED'].filter((s) => acceptsPublication(s as 'OPEN'))).toEqual(['OPEN', 'PUBLISHED']);
  });
});
