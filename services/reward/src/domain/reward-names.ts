/**
 * The Vietnamese names of reward's codes (sources, statuses, kinds), as officers, councils, members and employers see
 * them in the portal, in spreadsheets and in council papers. Pure, with no imports, so the web portal uses the same file.
 */

export const NOMINATION_SOURCE_NAMES: Record<'RESULTS' | 'MEDIA_DISCOVERY' | 'OFFICER' | 'AD_HOC' | 'LONG_SERVICE' | 'BLOC', string> = {
  RESULTS: 'Từ kết quả thi đua',
  MEDIA_DISCOVERY: 'Phát hiện qua báo chí',
  OFFICER: 'Cán bộ đề xuất',
  AD_HOC: 'Khen thưởng đột xuất',
  LONG_SERVICE: 'Kỷ niệm chương theo số năm tham gia Công đoàn',
  BLOC: 'Dẫn đầu khối, cụm thi đua',
};

export const NOMINATION_STATUS_NAMES: Record<'OPEN' | 'IN_COUNCIL' | 'GRANTED' | 'REFUSED' | 'WITHDRAWN' | 'RETURNED' | 'PROPOSED', string> = {
  OPEN: 'Chờ xét',
  IN_COUNCIL: 'Hội đồng đang xét',
  GRANTED: 'Đã khen thưởng',
  REFUSED: 'Không khen thưởng',
  WITHDRAWN: 'Đã rút đề nghị',
  RETURNED: 'Trả lại hồ sơ',
  PROPOSED: 'Đã trình cấp có thẩm quyền',
};

/** Where a proposal to the deciding authority stands (decision 0035). */
export const PROPOSAL_STATUS_NAMES: Record<'AT_LEVEL' | 'RETURNED' | 'WITH_AUTHORITY' | 'DECIDED' | 'REFUSED', string> = {
  AT_LEVEL: 'Đang ở cấp xét',
  RETURNED: 'Bị trả lại để bổ sung',
  WITH_AUTHORITY: 'Chờ quyết định của cấp có thẩm quyền',
  DECIDED: 'Đã có quyết định',
  REFUSED: 'Cấp có thẩm quyền không khen thưởng',
};

/** How a level let go of the dossier. */
export const PROPOSAL_STEP_OUTCOME_NAMES: Record<'PROPOSED' | 'FORWARDED' | 'RETURNED' | 'RESENT' | 'SENT_TO_AUTHORITY' | 'DECIDED' | 'REFUSED', string> = {
  PROPOSED: 'Hội đồng trình',
  FORWARDED: 'Chuyển lên cấp trên',
  RETURNED: 'Trả lại hồ sơ',
  RESENT: 'Bổ sung, gửi lại',
  SENT_TO_AUTHORITY: 'Trình cấp có thẩm quyền',
  DECIDED: 'Đã quyết định',
  REFUSED: 'Không khen thưởng',
};

/** A return by a level the dossier had itself been returned to: it passes it further down, to the level holding the papers (decision 0041). */
export const PASSED_DOWN_NAME = 'Chuyển xuống cấp dưới để bổ sung';

/** Hủy bỏ (Law on Emulation and Commendation 2022, art. 93 cl. 2) or thu hồi (issued in error), as the action is called… */
export const CORRECTION_KIND_NAMES: Record<'ANNULLED' | 'REVOKED', string> = { ANNULLED: 'Hủy bỏ quyết định', REVOKED: 'Thu hồi quyết định' };

/** …as a sentence says it is done (“đã bị hủy bỏ”, “đề nghị thu hồi”)… */
export const CORRECTION_VERBS: Record<'ANNULLED' | 'REVOKED', string> = { ANNULLED: 'hủy bỏ', REVOKED: 'thu hồi' };

/** …and as the register says what became of the decision. */
export const CORRECTED_DECISION_NAMES: Record<'ANNULLED' | 'REVOKED', string> = { ANNULLED: 'Đã hủy bỏ', REVOKED: 'Đã thu hồi' };

export const REGISTRATION_STATUS_NAMES: Record<'SUBMITTED' | 'APPROVED' | 'RETURNED', string> = { SUBMITTED: 'Chờ cấp trên duyệt', APPROVED: 'Đã duyệt', RETURNED: 'Bị trả lại' };

export const BLOC_KIND_NAMES: Record<'KHOI' | 'CUM', string> = { KHOI: 'Khối thi đua', CUM: 'Cụm thi đua' };

export const BLOC_STATUS_NAMES: Record<'FORMED' | 'COVENANT_SIGNED' | 'RANKED', string> = { FORMED: 'Mới thành lập', COVENANT_SIGNED: 'Đã ký giao ước', RANKED: 'Đã xếp hạng' };

export const COLLEAGUE_DEED_NAMES: Record<'GOOD_DEED' | 'INITIATIVE', string> = { GOOD_DEED: 'Người tốt, việc tốt', INITIATIVE: 'Sáng kiến, cách làm hay' };

export const COLLEAGUE_STATUS_NAMES: Record<'SUBMITTED' | 'NOMINATED' | 'FORWARDED_TO_MEDIA' | 'DECLINED', string> = {
  SUBMITTED: 'Chờ công đoàn cơ sở xem xét',
  NOMINATED: 'Đã đề nghị khen thưởng',
  FORWARDED_TO_MEDIA: 'Đã chuyển ban biên tập',
  DECLINED: 'Không đề nghị',
};

/** Kinds of the catalogue's forms (loại hình thức). */
export const FORM_KIND_NAMES: Record<'EMULATION_TITLE' | 'COMMENDATION' | 'UNION_AWARD', string> = {
  EMULATION_TITLE: 'Danh hiệu thi đua',
  COMMENDATION: 'Hình thức khen thưởng',
  UNION_AWARD: 'Giải thưởng của Công đoàn',
};

export const SUBJECT_NAMES: Record<'INDIVIDUAL' | 'COLLECTIVE', string> = { INDIVIDUAL: 'Cá nhân', COLLECTIVE: 'Tập thể' };

export const INITIATIVE_STATUS_NAMES: Record<'REGISTERED' | 'RECOGNISED' | 'REJECTED', string> = { REGISTERED: 'Chờ đánh giá', RECOGNISED: 'Đã công nhận', REJECTED: 'Không công nhận' };

/** How far an initiative's use reaches (phạm vi ảnh hưởng), as a list labels it. */
export const INITIATIVE_REACH_NAMES: Record<'UNIT' | 'PROVINCE' | 'NATIONAL', string> = { UNIT: 'Cấp cơ sở', PROVINCE: 'Cấp tỉnh, ngành', NATIONAL: 'Toàn quốc' };

/** How often a collective agreement's clause rewards, as a list labels it. */
export const REWARD_PERIOD_LABELS: Record<'WEEKLY' | 'MONTHLY' | 'QUARTERLY', string> = { WEEKLY: 'Hằng tuần', MONTHLY: 'Hằng tháng', QUARTERLY: 'Hằng quý' };

/** The catalogue's eligibility rules and quotas (docs/decisions/0010-reward-rules.md), as a national admin reads them. */
export const RULE_KIND_NAMES: Record<string, string> = {
  TASK_RATING: 'xếp loại hoàn thành nhiệm vụ',
  TITLE_IN_YEAR: 'có danh hiệu trong năm',
  CONSECUTIVE_YEARS: 'có danh hiệu nhiều năm liên tục',
  GRANTED_TIMES: 'được tặng số lần trong số năm',
  INITIATIVE: 'có sáng kiến được công nhận',
  INITIATIVE_BENEFIT: 'sáng kiến làm lợi',
  DIRECT_WORKER: 'lao động trực tiếp sản xuất',
  NON_LEADER: 'không giữ chức vụ lãnh đạo, quản lý',
  ONCE_IN_LIFETIME: 'chỉ tặng một lần',
  YEARS_IN_UNION: 'số năm tham gia Công đoàn',
  MEMBERS_WITH_TITLE: 'tỷ lệ, số thành viên có danh hiệu',
  ANY_OF: 'một trong các điều kiện',
  ABSOLUTE: 'số lượng tối đa mỗi năm',
  SHARE_OF_FORM: 'tỷ lệ trên số danh hiệu khác đã tặng',
};

/** A seat on a council (Hội đồng Thi đua - Khen thưởng). */
export type CouncilPosition = 'CHAIR' | 'VICE_CHAIR' | 'STANDING_MEMBER' | 'MEMBER';

export const COUNCIL_POSITION_NAMES: Record<CouncilPosition, string> = {
  CHAIR: 'Chủ tịch Hội đồng',
  VICE_CHAIR: 'Phó Chủ tịch Hội đồng',
  STANDING_MEMBER: 'Ủy viên thường trực',
  MEMBER: 'Ủy viên',
};
