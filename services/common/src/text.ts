import { textLength } from './text-limits';

/**
 * Vietnamese text folded for search: lower case, diacritics removed, đ → d. "Lao động giỏi" and
 * "lao dong gioi" fold to the same string, so searches work with and without diacritics.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The LIKE pattern matching folded text that contains `search` (its own % and _ taken literally), or null for an empty
 * search: names are compared folded on both sides, so "nguyen thi" finds "Nguyễn Thị".
 */
export function foldedContainsPattern(search: string | null | undefined): string | null {
  const text = search?.trim();
  return text ? `%${foldVietnamese(text).replace(/[\\%_]/g, '\\$&')}%` : null;
}

/**
 * The length of a text as the platform keeps it (trimmed, NFC): a limit counted before NFC would take a reason typed in
 * decomposed form (NFD, as some keyboards send it) whose kept text is shorter than the rule and the events' schemas allow;
 * counted in characters (code points) as those schemas count, so a Nôm character or an emoji counts once.
 */
export function keptLength(text: string): number {
  return textLength(text.trim().normalize('NFC'));
}

/** A reason or achievement as the end of a sentence of a message or letter: trimmed, ending in one full stop. */
export function asSentence(text: string): string {
  return `${text.trim().replace(/[.\s]+$/, '')}.`;
}

/** A path segment from a unit code: `HN-CTY-01` → `hn-cty-01`. */
export function slugify(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Every Vietnamese letter with a diacritic (and đ), lower and upper case, NFC. */
const ACCENTED = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const FOLD_FROM = ACCENTED + ACCENTED.toUpperCase();
const FOLD_TO = [...FOLD_FROM].map((letter) => foldVietnamese(letter)).join('');

/** What JavaScript's \s matches (spaces of every width, tabs, line breaks, the byte-order mark), as a PostgreSQL bracket expression. */
const JS_WHITESPACE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

/**
 * The SQL for `foldVietnamese` of a text column (NFC, as the platform stores names), for searching rows that keep no
 * folded copy: letters are mapped one to one, then lower-cased (ASCII only is left, so the database's locale does not
 * matter), and runs of whitespace (what JavaScript's \s is, so a non-breaking space pasted from a spreadsheet too) made
 * one space, as the search is. Vietnamese letters only: a name's foreign letter with a mark (ç, ñ) keeps it here, where
 * `foldVietnamese` drops every mark.
 */
export function foldVietnameseSql(expression: string): string {
  return `btrim(regexp_replace(lower(translate(${expression}, '${FOLD_FROM}', '${FOLD_TO}')), '${JS_WHITESPACE}+', ' ', 'g'))`;
}
