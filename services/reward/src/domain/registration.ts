import { shortDate, type FieldProblem } from '@thidua/common';
import type { FormKind, SubjectKind } from './forms';
import type { RuleFailure } from './rules';

/**
 * Registration (đăng ký thi đua): units and people register, at the start of the year, the emulation titles they aim
 * for; the level above approves or returns the registration; a yearly title is proposed only to a subject whose
 * approved registration covers it. The window is the union's yearly guidance, which we have not read: the dates below
 * are the usual practice (first quarter), kept as data and marked unverified.
 */
export const REGISTRATION_RULE = {
  rule: 'REGISTRATION',
  source:
    'Luật Thi đua, khen thưởng 06/2022/QH15 (đăng ký thi đua là căn cứ xét tặng danh hiệu thi đua; không đăng ký thì không được xem xét, công nhận) — điều khoản chưa đối chiếu; trước đây Luật Thi đua, khen thưởng 2003, Điều 10 khoản 1 điểm b',
  verified: false,
  /** Registrations for year Y open on this day of Y − 1… */
  opens: '12-01',
  /** …and close on this day of Y. */
  closes: '03-31',
  windowSource: 'Hướng dẫn công tác thi đua, khen thưởng hằng năm của Tổng Liên đoàn (chưa đối chiếu); thông lệ quý I, ví dụ Thông tư 07/2019/TT-BVHTTDL, Điều 9: trước ngày 25/3',
  /** At most this many titles on one registration (one subject aims at a few titles, from the lowest up). */
  maxForms: 4,
} as const;

export type RegistrationStatus = 'SUBMITTED' | 'APPROVED' | 'RETURNED';

/** The days a registration for `year` may carry. */
export function registrationWindow(year: number): { opensOn: string; closesOn: string } {
  return { opensOn: `${year - 1}-${REGISTRATION_RULE.opens}`, closesOn: `${year}-${REGISTRATION_RULE.closes}` };
}

/** What a catalogue form brings to a registration. */
export interface RegistrableForm {
  code: string;
  name: string;
  kind: FormKind;
  subjects: SubjectKind[];
  precedence: number;
  active: boolean;
}

/** A new registration: the day on the form within the window, and titles the subject can be registered for. */
export function registrationProblems(
  input: { year: number; registeredOn: string; forms: (RegistrableForm | null)[]; formCodes: string[] },
  collective: boolean,
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { opensOn, closesOn } = registrationWindow(input.year);
  if (input.registeredOn > today) problems.push({ field: 'registeredOn', message: 'ngày đăng ký không thể ở tương lai' });
  else if (input.registeredOn < opensOn || input.registeredOn > closesOn) {
    problems.push({ field: 'registeredOn', message: `đăng ký thi đua năm ${input.year} nhận từ ${shortDate(opensOn)} đến ${shortDate(closesOn)} (${REGISTRATION_RULE.windowSource})` });
  }
  if (input.formCodes.length === 0 || input.formCodes.length > REGISTRATION_RULE.maxForms) {
    problems.push({ field: 'formCodes', message: `chọn từ 1 đến ${REGISTRATION_RULE.maxForms} danh hiệu thi đua` });
  }
  if (new Set(input.formCodes).size !== input.formCodes.length) problems.push({ field: 'formCodes', message: 'mỗi danh hiệu chỉ chọn một lần' });
  input.forms.forEach((form, index) => {
    const field = `formCodes.${index}`;
    if (!form) problems.push({ field, message: `"${input.formCodes[index]}" không có trong danh mục khen thưởng` });
    else if (form.kind !== 'EMULATION_TITLE' || !form.active) problems.push({ field, message: `${form.name} không phải danh hiệu thi đua đang xét tặng: chỉ đăng ký danh hiệu thi đua` });
    else if (!form.subjects.includes(collective ? 'COLLECTIVE' : 'INDIVIDUAL')) problems.push({ field, message: `${form.name} không dành cho ${collective ? 'tập thể' : 'cá nhân'}` });
  });
  return problems;
}

/** A registration's titles cover a title when one of them is that title or a higher title for the same kind of subject. */
export function covers(registered: readonly RegistrableForm[], form: RegistrableForm): boolean {
  return registered.some((r) => r.kind === 'EMULATION_TITLE' && r.precedence >= form.precedence && r.subjects.some((s) => form.subjects.includes(s)));
}

/** What reward knows of a subject's registration for a year (and whether a signed bloc covenant registers it for the flag). */
export interface RegistrationFacts {
  status: RegistrationStatus | null;
  forms: readonly RegistrableForm[];
  /** The form a signed bloc covenant of the year registers the unit for (the bloc's emulation flag), if any. */
  covenantFormCode: string | null;
}

/** Why this yearly title cannot be proposed to the subject, or null; forms other than emulation titles need no registration. */
export function registrationFailure(facts: RegistrationFacts, form: RegistrableForm, year: number, subjectName: string): RuleFailure | null {
  if (form.kind !== 'EMULATION_TITLE') return null;
  if (facts.covenantFormCode === form.code) return null;
  if (facts.status === 'APPROVED' && covers(facts.forms, form)) return null;
  const state =
    facts.status === null ? 'chưa đăng ký thi đua'
      : facts.status === 'SUBMITTED' ? 'có đăng ký đang chờ cấp trên duyệt'
        : facts.status === 'RETURNED' ? 'có đăng ký bị cấp trên trả lại'
          : `đăng ký ${facts.forms.map((f) => f.name).join(', ')}, không gồm ${form.name}`;
  return {
    rule: REGISTRATION_RULE.rule,
    source: REGISTRATION_RULE.source,
    message: `${form.name} năm ${year} chỉ xét cho tập thể, cá nhân đã đăng ký thi đua được duyệt; ${subjectName} ${state} (${REGISTRATION_RULE.source})`,
  };
}

/** Who may approve or return: officers over the subject, strictly above a collective, never for their own registration. */
export function reviewRefusal(reviewer: { scope: string | null; memberId: string | null }, subject: { memberId: string | null; unitPath: string; name: string }): string | null {
  if (subject.memberId !== null && reviewer.memberId === subject.memberId) return 'Không tự duyệt đăng ký thi đua của chính mình';
  if (reviewer.scope === null || !subject.unitPath.startsWith(reviewer.scope)) return `Chỉ cán bộ công đoàn cấp trên của ${subject.name} duyệt đăng ký này`;
  if (subject.memberId === null && reviewer.scope === subject.unitPath) return `Đăng ký của ${subject.name} do công đoàn cấp trên duyệt, không phải chính đơn vị`;
  return null;
}
