import { isOfficerOver, isWithinScope, type Identity } from '@thidua/common';
import type { CampaignStatus } from './campaigns';

/** Drafts are internal to the launching unit's subtree; launched campaigns are public. */
export function canSeeCampaign(identity: Identity, campaign: { status: CampaignStatus; launchingUnitPath: string }): boolean {
  return campaign.status !== 'DRAFT' || isWithinScope(identity, campaign.launchingUnitPath);
}

/** A member's record is personal data: officers of their subtree and the member themself. */
export function canSeeMember(identity: Identity, member: { id: string; unitPath: string }): boolean {
  return identity.memberId === member.id || isOfficerOver(identity, member.unitPath);
}

/** A member's personal fields, as the union names them: what a caller who may not see the member is refused. */
export const MEMBER_PERSONAL_FIELDS = {
  fullName: 'Họ tên',
  unit: 'Đơn vị',
  occupation: 'Nghề nghiệp',
  isDirectProductionWorker: 'Việc có phải lao động trực tiếp sản xuất',
  holdsLeadershipPost: 'Chức vụ lãnh đạo, quản lý',
  joinedUnionOn: 'Ngày vào công đoàn',
  leftUnionOn: 'Ngày ra khỏi công đoàn',
  enrollments: 'Các phong trào đăng ký tham gia',
} as const;

export type MemberPersonalField = keyof typeof MEMBER_PERSONAL_FIELDS;

export function personalFieldRefusal(field: MemberPersonalField): string {
  return `${MEMBER_PERSONAL_FIELDS[field]} của đoàn viên là thông tin cá nhân: chỉ chính đoàn viên và cán bộ công đoàn cấp trên của họ được xem.`;
}

/** An enrollment and its reports: the enrolled member, and officers whose subtree contains the enrolled unit. */
export function canSeeEnrollment(identity: Identity, enrollment: { unitPath: string; memberId: string | null }): boolean {
  if (enrollment.memberId !== null && identity.memberId === enrollment.memberId) return true;
  return isOfficerOver(identity, enrollment.unitPath);
}
