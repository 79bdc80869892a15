import fc from 'fast-check';
import { Client } from 'pg';
import { databaseUrl, foldVietnamese, foldVietnameseSql } from '@thidua/common';

/**
 * Names are searched folded on both sides: the search by `foldVietnamese` in Node, the stored names by
 * `foldVietnameseSql` in PostgreSQL (rows that keep no folded copy). For any name of Vietnamese letters, upper or
 * lower case, with whitespace of any kind anywhere, the database's fold must be Node's, on the real PostgreSQL.
 */
const LETTERS = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹfjwz0123456789'];
const letter = fc.constantFrom(...LETTERS, ...LETTERS.map((l) => l.toUpperCase()));
// every character JavaScript's \s matches: a name pasted from a spreadsheet carries non-breaking and other spaces
const space = fc.constantFrom(' ', '  ', '\t', '\n', ' \r\n ', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff');
const name = fc.array(fc.oneof({ weight: 5, arbitrary: letter }, { weight: 1, arbitrary: space }), { maxLength: 40 }).map((parts) => parts.join('').normalize('NFC'));

let db: Client;

beforeAll(async () => {
  db = new Client({ connectionString: databaseUrl('reward') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
});

it("folds a name in PostgreSQL exactly as the search is folded in Node", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 50 }), async (names) => {
      const { rows } = await db.query(`SELECT ${foldVietnameseSql('n')} AS folded FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i`, [names]);
      expect(rows.map((row: { folded: string }) => row.folded)).toEqual(names.map(foldVietnamese));
    }),
    { numRuns: 60 },
  );
});

it('finds "Nguyễn  Thị" stored with two spaces by "nguyen thi"', async () => {
  const { rows } = await db.query(`SELECT ${foldVietnameseSql('$1::text')} LIKE '%' || $2 || '%' AS found`, ['Nguyễn  Thị\tHồng', foldVietnamese('nguyen thi hong')]);
  expect(rows).toEqual([{ found: true }]);
});
