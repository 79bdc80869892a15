import { decodePosition, encodeCursor, toConnection } from '../src/graphql/pagination';

describe('positional cursors', () => {
  it('read back the position a connection wrote, and 0 without a cursor', () => {
    const { pageInfo } = toConnection([{ position: 41 }, { position: 42 }, { position: 43 }], 2, (row) => [row.position]);
    expect(decodePosition(pageInfo.endCursor)).toBe(42);
    expect(decodePosition(null)).toBe(0);
  });

  it('refuse anything else as a bad cursor, never a number the database would choke on', () => {
    for (const parts of [['x'], [1.5], [-1], [1, 2], []]) {
      expect(() => decodePosition(encodeCursor(parts))).toThrow(/con trỏ trang không hợp lệ/);
    }
    expect(() => decodePosition('%%%')).toThrow(/con trỏ trang không hợp lệ/);
  });
});
