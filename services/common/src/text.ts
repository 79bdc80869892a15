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

/** A path segment from a unit code: `HN-CTY-01` → `hn-cty-01`. */
export function slugify(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
