/** The 34 provinces and cities since 2025-06-12 (28 provinces, 6 cities): code, administrative name. */
export const PROVINCES: [code: string, name: string][] = [
  ['HN', 'thành phố Hà Nội'], ['HUE', 'thành phố Huế'], ['HP', 'thành phố Hải Phòng'], ['DN', 'thành phố Đà Nẵng'], ['HCM', 'Thành phố Hồ Chí Minh'],
  ['CT', 'thành phố Cần Thơ'], ['LCH', 'tỉnh Lai Châu'], ['DB', 'tỉnh Điện Biên'], ['SL', 'tỉnh Sơn La'], ['LS', 'tỉnh Lạng Sơn'], ['QNI', 'tỉnh Quảng Ninh'],
  ['TH', 'tỉnh Thanh Hóa'], ['NA', 'tỉnh Nghệ An'], ['HT', 'tỉnh Hà Tĩnh'], ['CB', 'tỉnh Cao Bằng'], ['TQ', 'tỉnh Tuyên Quang'], ['LCA', 'tỉnh Lào Cai'],
  ['TN', 'tỉnh Thái Nguyên'], ['PT', 'tỉnh Phú Thọ'], ['BN', 'tỉnh Bắc Ninh'], ['HY', 'tỉnh Hưng Yên'], ['NB', 'tỉnh Ninh Bình'], ['QT', 'tỉnh Quảng Trị'],
  ['QNG', 'tỉnh Quảng Ngãi'], ['GL', 'tỉnh Gia Lai'], ['KH', 'tỉnh Khánh Hòa'], ['LD', 'tỉnh Lâm Đồng'], ['DL', 'tỉnh Đắk Lắk'], ['DNA', 'tỉnh Đồng Nai'],
  ['TNI', 'tỉnh Tây Ninh'], ['VL', 'tỉnh Vĩnh Long'], ['DT', 'tỉnh Đồng Tháp'], ['CM', 'tỉnh Cà Mau'], ['AG', 'tỉnh An Giang'],
];

const NAMES = new Map(PROVINCES);

/** A province's administrative name ("tỉnh Bắc Ninh", "thành phố Hà Nội") by its code, or null for a code not listed. */
export function provinceName(code: string): string | null {
  return NAMES.get(code.toUpperCase()) ?? null;
}

const PLACES = new Map(PROVINCES.map(([code, name]) => [code, name.replace(/^(tỉnh|thành phố) /, '')]));

/**
 * The place a document is dated at (địa danh): the province or city of the issuing unit ("Bắc Ninh", "Hà Nội",
 * "Thành phố Hồ Chí Minh"); the national federation and the central sector unions sit in Hà Nội.
 */
export function placeOf(provinceCode: string | null): string {
  return (provinceCode && PLACES.get(provinceCode.toUpperCase())) || 'Hà Nội';
}
