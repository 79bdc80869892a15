/**
 * Decision numbers (số quyết định): numbered per granting unit and year, with the unit's code, e.g.
 * `7/2026/QĐ-KT-HN` is the 7th reward decision of the Hà Nội federation in 2026.
 */
export function decisionNumber(sequence: number, year: number, grantingUnitPath: string): string {
  const segments = grantingUnitPath.split('/').filter(Boolean);
  const code = (segments[segments.length - 1] ?? 'vn').toUpperCase();
  return `${sequence}/${year}/QĐ-KT-${code}`;
}
