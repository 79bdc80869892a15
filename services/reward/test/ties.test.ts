/**
 * Ties (issue 17, "Correct rules"): among subjects equally qualified, women and collectives with at least 70% women
 * come first (Nghị định 98/2023/NĐ-CP, Điều 4; Nghị định 152/2025/NĐ-CP replaced it, its article not read).
 */
import fc from 'fast-check';
import { WOMEN_PREFERENCE_RULE, byRankPreferring, preferredAtTie } from '../src/domain/ties';

describe('who is preferred at a tie', () => {
  it('is a woman, or a collective of at least 70% women, naming its unverified source', () => {
    expect(WOMEN_PREFERENCE_RULE).toMatchObject({ share: 0.7, verified: false, source: expect.stringContaining('Điều 4') });
    expect(preferredAtTie({ memberId: 'm', gender: 'FEMALE', women: 0, members: 0 })).toBe(true);
    expect(preferredAtTie({ memberId: 'm', gender: 'MALE', women: 0, members: 0 })).toBe(false);
    expect(preferredAtTie({ memberId: 'm', gender: null, women: 0, members: 0 })).toBe(false);
    expect(preferredAtTie({ memberId: null, gender: null, women: 7, members: 10 })).toBe(true);
    expect(preferredAtTie({ memberId: null, gender: null, women: 69, members: 100 })).toBe(false);
    expect(preferredAtTie({ memberId: null, gender: null, women: 0, members: 0 })).toBe(false);
  });
});

describe('choosing among those sharing a rank', () => {
  it('puts the preferred first within a rank, never ahead of a better rank', () => {
    const entries = [{ name: 'An', rank: 1 }, { name: 'Bình', rank: 2 }, { name: 'Chi', rank: 2 }, { name: 'Dung', rank: 4 }];
    const women = new Set(['Chi', 'Dung']);
    expect(byRankPreferring(entries, (e) => women.has(e.name)).map((e) => e.name)).toEqual(['An', 'Chi', 'Bình', 'Dung']);
  });

  it('keeps every entry, ranks in order, and the given order among equals', () => {
    fc.assert(fc.property(fc.array(fc.record({ rank: fc.integer({ min: 1, max: 5 }), preferred: fc.boolean(), id: fc.uuid() })), (entries) => {
      const ordered = byRankPreferring(entries, (e) => e.preferred);
      expect(ordered).toHaveLength(entries.length);
      expect(new Set(ordered)).toEqual(new Set(entries));
      for (let i = 1; i < ordered.length; i++) {
        const [a, b] = [ordered[i - 1]!, ordered[i]!];
        expect(a.rank < b.rank || (a.rank === b.rank && (Number(a.preferred) > Number(b.preferred) || (a.preferred === b.preferred && entries.indexOf(a) < entries.indexOf(b))))).toBe(true);
      }
    }));
  });
});
