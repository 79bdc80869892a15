/**
 * When a later publication of results changes the result a decision was based on (issue 16 item 5), and the reason
 * a nomination from results gives; and that the seeded quota and amounts pass the catalogue's own checks.
 */
import { quotaFailure, quotaProblems } from '../src/domain/rules';
import { resultChanged, resultReason } from '../src/domain/republication';
import { CREATIVE_LABOUR_AMOUNT, THEMATIC_CERTIFICATE } from '../src/migrations/seed-quotas';

describe('a result changed by a later publication', () => {
  const before = { rank: 2, score: 84 };

  it('changed when the score or the rank did', () => {
    expect(resultChanged(before, { rank: 2, score: 90 }, true)).toBe(true);
    expect(resultChanged(before, { rank: 1, score: 84 }, true)).toBe(true);
    expect(resultChanged(before, { rank: 2, score: 84 }, true)).toBe(false);
  });

  it('ignores a difference finer than the hundredths kept', () => {
    expect(resultChanged({ rank: 1, score: 83.33 }, { rank: 1, score: 83.333333 }, true)).toBe(false);
    expect(resultChanged({ rank: 1, score: 83.33 }, { rank: 1, score: 83.34 }, true)).toBe(true);
  });

  it('changed when a complete list no longer names the subject; unknown when a truncated one does not', () => {
    expect(resultChanged(before, null, true)).toBe(true);
    expect(resultChanged(before, null, false)).toBeNull();
  });

  it('words the reason with the version once the results were republished', () => {
    expect(resultReason({ rank: 1, score: 100 }, 'Thi đua sáng kiến', 1)).toBe('Xếp hạng 1 trong kết quả phong trào "Thi đua sáng kiến" (100 điểm)');
    expect(resultReason({ rank: 2, score: 70 }, 'Thi đua sáng kiến', 3)).toBe('Xếp hạng 2 trong kết quả phong trào "Thi đua sáng kiến" (70 điểm, công bố lần 3)');
    // a score as Vietnamese write it: a decimal comma, two places at most
    expect(resultReason({ rank: 3, score: 16.666666 }, 'Thi đua sáng kiến', 1)).toBe('Xếp hạng 3 trong kết quả phong trào "Thi đua sáng kiến" (16,67 điểm)');
  });
});

describe('the seeded union quota and amounts', () => {
  it('are readable rules, unverified, citing their texts', () => {
    expect(quotaProblems(THEMATIC_CERTIFICATE.quota, 'quota')).toEqual([]);
    expect(THEMATIC_CERTIFICATE.verified).toBe(false);
    expect(CREATIVE_LABOUR_AMOUNT.source).toContain('chưa đối chiếu');
  });

  it('allows 300 thematic certificates a year and refuses the next, citing the source', () => {
    const names = () => 'Bằng khen chuyên đề';
    expect(quotaFailure(THEMATIC_CERTIFICATE.quota, { granted: 299, pending: 0, baseGranted: 0 }, 'Bằng khen chuyên đề', names, 2026)).toBeNull();
    expect(quotaFailure(THEMATIC_CERTIFICATE.quota, { granted: 300, pending: 0, baseGranted: 0 }, 'Bằng khen chuyên đề', names, 2026)).toMatchObject({
      rule: 'ABSOLUTE', source: expect.stringContaining('2106/QĐ-TLĐ'), message: expect.stringContaining('đã tặng 300/300'),
    });
  });
});
