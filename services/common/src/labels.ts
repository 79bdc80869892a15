import type { OrganisationType, UnitLevel } from './events/contracts';

/** Organisation types (loại hình) as people name them: the services' messages and the portal's labels share them. */
export const ORGANISATION_TYPE_NAMES: Record<OrganisationType, string> = {
  ADMINISTRATIVE_AGENCY: 'Cơ quan hành chính',
  PUBLIC_SERVICE_UNIT: 'Đơn vị sự nghiệp',
  STATE_OWNED_ENTERPRISE: 'Doanh nghiệp Nhà nước',
  PRIVATE_ENTERPRISE: 'Doanh nghiệp tư nhân',
  FDI_ENTERPRISE: 'Doanh nghiệp FDI',
};

/** Levels of the union tree (cấp công đoàn), as people name them. */
export const UNIT_LEVEL_NAMES: Record<UnitLevel, string> = {
  NATIONAL: 'Tổng Liên đoàn',
  PROVINCIAL: 'Liên đoàn Lao động tỉnh, thành phố',
  SECTOR: 'Công đoàn ngành',
  UPPER_GRASSROOTS: 'Công đoàn cấp trên trực tiếp cơ sở',
  GRASSROOTS: 'Công đoàn cơ sở',
};
