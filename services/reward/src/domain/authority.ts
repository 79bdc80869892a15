import { keptLength, shortDate, type DECIDING_AUTHORITIES, type FieldProblem } from '@thidua/common';

/**
 * Who decides a form (issue 17, "Who decides"): the union itself, the head of the agency or enterprise, or an
 * authority of the State. Where the union cannot decide, its council's approved outcome is a proposal (đề nghị) that
 * goes up level by level to that authority; the reward is granted only when the authority's decision is recorded.
 */
export type DecidingAuthority = (typeof DECIDING_AUTHORITIES)[number];

/** The authorities as a decision names them. */
export const AUTHORITY_NAMES: Record<DecidingAuthority, string> = {
  UNION: 'Công đoàn (cấp xét tặng)',
  EMPLOYER: 'Thủ trưởng cơ quan, đơn vị hoặc Giám đốc doanh nghiệp',
  PROVINCIAL_CHAIR: 'Chủ tịch Ủy ban nhân dân cấp tỉnh',
  MINISTER: 'Bộ trưởng, Thủ trưởng cơ quan trung ương',
  PRIME_MINISTER: 'Thủ tướng Chính phủ',
  PRESIDENT: 'Chủ tịch nước',
};

/** A form's deciding authority as the catalogue keeps it (reward_forms), with the article that gives it. */
export interface FormAuthority {
  decidingAuthority: DecidingAuthority;
  authoritySource: string;
  authorityVerified: boolean;
}

export type ApprovedOutcome = 'GRANT' | 'PROPOSE';

/**
 * Who employs a subject, for the forms its employer decides (Law art. 80 cl. 1 and 4). A grassroots union sits in an
 * agency or enterprise (its organisation type): its members are that organisation's workers. Where the organisation
 * is the union's own agency (cơ quan công đoàn: a federation's office), the head of the agency is the union unit
 * above that grassroots union; a union unit above the grassroots level employs its own staff. A collective is judged
 * by the level above it: its own council may not vote on it (a conflict of interest, decision 0036).
 */
export interface SubjectEmployer {
  /**
   * OUTSIDE: an agency or enterprise with a head of its own, to whom the grassroots union proposes; UNION_AGENCY: the
   * union's own agency, whose council decides; LEVEL_ABOVE: a collective, decided by the union unit above it.
   */
  kind: 'OUTSIDE' | 'UNION_AGENCY' | 'LEVEL_ABOVE';
  /** The only council that takes the employer's forms for the subject: the grassroots union, the union agency, or the level above the collective. */
  councilUnit: { id: string; name: string };
}

/** A unit of the read model with what tells its employer. */
export interface EmployingUnit {
  id: string;
  name: string;
  level: string;
  organisationType: string | null;
}

/** The subject's employer from its unit (a member's grassroots union, or the collective itself) and the unit above that. */
export function employerOf(unit: EmployingUnit, parent: EmployingUnit | null, collective: boolean): SubjectEmployer {
  const council = (of: EmployingUnit) => ({ id: of.id, name: of.name });
  if (collective) return { kind: 'LEVEL_ABOVE', councilUnit: council(parent ?? unit) };
  if (unit.level !== 'GRASSROOTS') return { kind: 'UNION_AGENCY', councilUnit: council(unit) };
  if (unit.organisationType === 'UNION_AGENCY') return { kind: 'UNION_AGENCY', councilUnit: council(parent ?? unit) };
  return { kind: 'OUTSIDE', councilUnit: council(unit) };
}

/**
 * What a council's approval does: the union grants what it decides itself; anything else is proposed to its
 * authority. The employer decides yearly titles (Law art. 80): an enterprise's or agency's head on its grassroots
 * union's proposal, the union's own agency through its council.
 */
export function approvedOutcome(authority: DecidingAuthority, employer: SubjectEmployer): ApprovedOutcome {
  if (authority === 'UNION') return 'GRANT';
  if (authority === 'EMPLOYER') return employer.kind === 'OUTSIDE' ? 'PROPOSE' : 'GRANT';
  return 'PROPOSE';
}

/** Why this council cannot take a form the subject's employer decides (only the employer's council can), or null. */
export function employerCouncilProblem(form: { name: string } & FormAuthority, subjectName: string, employer: SubjectEmployer, council: { id: string; name: string }): string | null {
  if (form.decidingAuthority !== 'EMPLOYER' || council.id === employer.councilUnit.id) return null;
  const proposer = employer.councilUnit.name;
  const who = {
    OUTSIDE: `do thủ trưởng cơ quan, đơn vị hoặc giám đốc doanh nghiệp nơi làm việc quyết định, trên đề nghị của ${proposer}`,
    UNION_AGENCY: `do ${proposer} quyết định với người lao động của cơ quan mình`,
    LEVEL_ABOVE: `do cấp trên trực tiếp, ${proposer}, xét (tập thể không tự xét mình)`,
  }[employer.kind];
  return `${form.name} của ${subjectName} ${who} (${form.authoritySource}); ${council.name} không xét, hãy chọn cấp xét là ${proposer}`;
}

/** Why the council cannot take the other path (a refusal that names the rule), or null when `wanted` is the form's. */
export function outcomeRefusal(form: { name: string } & FormAuthority, employer: SubjectEmployer, wanted: ApprovedOutcome): string | null {
  const outcome = approvedOutcome(form.decidingAuthority, employer);
  if (outcome === wanted) return null;
  return outcome === 'PROPOSE'
    ? `${form.name} do ${AUTHORITY_NAMES[form.decidingAuthority]} quyết định (${form.authoritySource}); Hội đồng chỉ trình đề nghị lên cấp trên, không tự quyết định khen thưởng`
    : `${form.name} do ${unionDecider(form.decidingAuthority, employer)} quyết định (${form.authoritySource || 'danh mục khen thưởng'}); Hội đồng quyết định khen thưởng, không cần trình cấp trên`;
}

/** Who in the union decides a form the council grants: the union itself, or for the employer's forms the union unit that acts as employer. */
function unionDecider(authority: DecidingAuthority, employer: SubjectEmployer): string {
  if (authority !== 'EMPLOYER') return 'Công đoàn';
  return `${employer.councilUnit.name}, ${employer.kind === 'UNION_AGENCY' ? 'cơ quan công đoàn nơi làm việc' : 'cấp trên trực tiếp của tập thể'},`;
}

/**
 * How a dossier reaches the authority from the last union level (decision 0043): whom that level's tờ trình is
 * addressed to, what it asks, where the path says the dossier is while the authority holds it, and who examines it
 * there and may return it for correction.
 */
export interface AuthorityRoute {
  /** Kính gửi: the authority itself, or for the President's forms the Prime Minister, who puts them to the President. */
  addressee: string;
  /** What the tờ trình asks of the addressee. */
  request: string;
  /** The authority's step in the path. */
  holderName: string;
  /** The body that examines the dossier for the addressee and writes when it returns it, where it is not the addressee. */
  appraiser: string | null;
  /**
   * Whose letters may answer the dossier (cơ quan có văn bản trả lời), in the order it reaches them: for the
   * President's forms the Board that examines it, the Prime Minister who would put it to the President, the President.
   */
  answerers: string[];
  source: string;
}

/** The body that examines the dossiers sent to the Prime Minister, and its ministry. */
const CENTRAL_APPRAISAL = 'Ban Thi đua - Khen thưởng Trung ương';
const CENTRAL_APPRAISER = `${CENTRAL_APPRAISAL} (Bộ Nội vụ)`;

const CENTRAL_ROUTE_SOURCE = 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 83 khoản 2: người đứng đầu cơ quan trung ương của tổ chức chính trị - xã hội đề nghị Thủ tướng Chính phủ trình Chủ tịch nước tặng huân chương; '
  + 'thủ tục hành chính 1.001718 (Cổng Dịch vụ công quốc gia): Ban Thi đua - Khen thưởng Trung ương xem xét hồ sơ, đề nghị bổ sung khi cần, trình Thủ tướng Chính phủ';

/** Who decides a proposal, as its decision or refusal names them: the employer of the proposing union, or the authority. */
export function deciderName(authority: DecidingAuthority, proposingUnitName: string): string {
  return authority === 'EMPLOYER' ? `${AUTHORITY_NAMES.EMPLOYER} (${proposingUnitName})` : AUTHORITY_NAMES[authority];
}

/**
 * The route to `authority` for a dossier proposed by `proposingUnitName`: a grassroots union addresses its employer by
 * the enterprise or agency it is named after ("Công đoàn Công ty May Thăng Long" → its leadership).
 */
export function authorityRoute(authority: DecidingAuthority, proposingUnitName: string): AuthorityRoute {
  const name = AUTHORITY_NAMES[authority];
  switch (authority) {
    case 'PRESIDENT':
      return { addressee: AUTHORITY_NAMES.PRIME_MINISTER, request: `xem xét, trình ${name} quyết định`, holderName: `${AUTHORITY_NAMES.PRIME_MINISTER} trình ${name} (${CENTRAL_APPRAISAL} thẩm định)`, appraiser: CENTRAL_APPRAISER, answerers: [CENTRAL_APPRAISER, AUTHORITY_NAMES.PRIME_MINISTER, name], source: CENTRAL_ROUTE_SOURCE };
    case 'PRIME_MINISTER':
      return { addressee: name, request: 'xem xét, quyết định', holderName: `${name} (${CENTRAL_APPRAISAL} thẩm định)`, appraiser: CENTRAL_APPRAISER, answerers: [CENTRAL_APPRAISER, name], source: `${CENTRAL_ROUTE_SOURCE}; chưa đối chiếu phần về hình thức Thủ tướng Chính phủ quyết định` };
    case 'EMPLOYER': {
      const organisation = /^Công đoàn (?:cơ sở )?(.+)$/u.exec(proposingUnitName)?.[1];
      const addressee = organisation ? `Lãnh đạo ${organisation}` : name;
      // its letters are signed for the enterprise, which is how the refusal and the return notice name it
      return { addressee, request: 'xem xét, quyết định', holderName: deciderName(authority, proposingUnitName), appraiser: null, answerers: [addressee], source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 83 khoản 1' };
    }
    default:
      return { addressee: name, request: 'xem xét, quyết định', holderName: name, appraiser: null, answerers: [name], source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 83' };
  }
}

/** Which answer is recorded: a return comes first from whoever examines the dossier, a refusal from whoever decides. */
export type AnswerKind = 'RETURN' | 'REFUSAL';

/**
 * The body whose letter is recorded: the one named, when it is among the route's answerers (null otherwise), or by
 * default the first of them for a return and the last (the decider) for a refusal.
 */
export function answeringBody(route: AuthorityRoute, kind: AnswerKind, named: string | null | undefined): string | null {
  const given = named?.trim().normalize('NFC');
  if (!given) return kind === 'RETURN' ? route.answerers[0]! : route.answerers[route.answerers.length - 1]!;
  return route.answerers.includes(given) ? given : null;
}

function answeringBodyProblems(route: AuthorityRoute, kind: AnswerKind, named: string | null | undefined): FieldProblem[] {
  if (answeringBody(route, kind, named) !== null) return [];
  const choices = route.answerers.map((body) => `“${body}”`).join(', ');
  return [{ field: 'answeredBy', message: `văn bản trả lời hồ sơ này chỉ có thể của ${choices}; chọn đúng cơ quan đã ký văn bản` }];
}

/**
 * What a refusal says: the decider does not grant; a body before it (the Board, the Prime Minister for the President's
 * forms) does not put the dossier forward, which is how a dossier stops there. A body not on the route (a name changed
 * since it was recorded) is read as the decider's.
 */
export function refusalWording(route: AuthorityRoute, body: string): string {
  const at = route.answerers.indexOf(body);
  const decider = route.answerers[route.answerers.length - 1]!;
  if (at < 0 || at === route.answerers.length - 1) return `${body} không khen thưởng`;
  const next = route.answerers[at + 1]!;
  return next === decider ? `${body} không trình ${decider} khen thưởng` : `${body} không trình ${next} xem xét, trình ${decider} khen thưởng`;
}

/** Where a proposal goes next from a union unit: the unit above it, or the authority itself from the top (or from the grassroots union, to its employer). */
export function nextStop<U extends { level: string }>(authority: DecidingAuthority, ancestorsNearestFirst: readonly U[]): U | 'AUTHORITY' {
  if (authority === 'EMPLOYER') return 'AUTHORITY';
  return ancestorsNearestFirst[0] ?? 'AUTHORITY';
}

/** Days a level held the dossier: calendar days in Việt Nam from the day it arrived to the day it left (today while still held). */
export function daysHeld(receivedOn: string, leftOn: string): number {
  return Math.round((Date.parse(`${leftOn}T00:00:00Z`) - Date.parse(`${receivedOn}T00:00:00Z`)) / 86_400_000);
}

/** Administrative numbers of external decisions: `1234/QĐ-CTN`, `56/QĐ-TTg` (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
const EXTERNAL_NUMBER = /^[1-9]\d{0,5}\/QĐ-[\p{L}\d]{2,20}(?:-[\p{L}\d]{1,20})*$/u;

/** The number of a decision of an authority outside the union, as on its paper: the union's register does not number it. */
export function externalNumberProblems(value: string | null | undefined): FieldProblem[] {
  const number = (value ?? '').trim().normalize('NFC');
  return EXTERNAL_NUMBER.test(number) && number.length <= 40 ? [] : [{ field: 'number', message: 'ghi số quyết định như trên bản giấy, dạng số/QĐ-ký hiệu cơ quan ban hành, ví dụ 1234/QĐ-CTN' }];
}

/** Who annuls or revokes a decision (Law 2022 art. 93): whoever decided it; the union's register only records an authority's. */
export const REVOCATION_AUTHORITY_SOURCE = 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 93: người có thẩm quyền quyết định khen thưởng quyết định hủy bỏ (khoản chưa đối chiếu văn bản)';

export interface AuthorityDecisionInput {
  number: string;
  decidedOn: string;
  signerRole: string;
  signerName: string;
}

/** The problems of an external decision as recorded when it arrives: its number, its day (not before the proposal left the union, not in the future) and its signer. */
export function authorityDecisionProblems(input: AuthorityDecisionInput, sentOn: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [...externalNumberProblems(input.number)];
  if (input.decidedOn > today) problems.push({ field: 'decidedOn', message: 'ngày quyết định không thể ở tương lai' });
  if (input.decidedOn < sentOn) problems.push({ field: 'decidedOn', message: `ngày quyết định không thể trước ngày trình đề nghị (${shortDate(sentOn)})` });
  problems.push(...signerProblems(input));
  return problems;
}

/** The signer of an authority's decision as on its paper: a title and a name, each in 3–120 characters. */
export function signerProblems(input: { signerRole: string; signerName?: string | null }): FieldProblem[] {
  return [...signerProblem('signerRole', input.signerRole, 'chức vụ người ký, ví dụ “Chủ tịch nước”'), ...signerProblem('signerName', input.signerName ?? '', 'họ và tên người ký')];
}

function signerProblem(field: 'signerRole' | 'signerName', value: string, label: string): FieldProblem[] {
  const length = keptLength(value);
  return length < 3 || length > 120 ? [{ field, message: `ghi ${label} (3–120 ký tự)` }] : [];
}

/** Who signs the tờ trình a level sends when it passes the dossier up; unrecorded, it reads “Chủ tịch” with the name left to sign by hand. */
export interface MemoSigner {
  signerRole?: string | null;
  signerName?: string | null;
}

/** The problems of a level's signer: each part, when given, in 3–120 characters. */
export function memoSignerProblems(signer: MemoSigner): FieldProblem[] {
  const given = (value: string | null | undefined) => (value?.trim() ? value : null);
  const role = given(signer.signerRole);
  const name = given(signer.signerName);
  // a name alone would be printed under “Chủ tịch”, which may not be the signer's title
  if (role === null && name !== null) return [{ field: 'signerRole', message: 'ghi chức vụ người ký tờ trình cùng họ tên, ví dụ “Phó Chủ tịch”' }];
  return [...(role === null ? [] : signerProblem('signerRole', role, 'chức vụ người ký tờ trình, ví dụ “Phó Chủ tịch”')), ...(name === null ? [] : signerProblem('signerName', name, 'họ và tên người ký tờ trình'))];
}

/** The authority's answer that it does not grant (không khen thưởng), as it arrived. */
export interface AuthorityRefusalInput {
  /** Whose letter it is, among the route's answerers; the decider's by default. */
  answeredBy?: string | null;
  /** The number of its letter, when it has one. */
  number?: string | null;
  refusedOn: string;
  reason: string;
}

/** The authority's letter returning the dossier for correction (trả lại hồ sơ để bổ sung), as it arrived. */
export interface AuthorityReturnInput {
  /** Whose letter it is, among the route's answerers; the first (the body that examines the dossier) by default. */
  answeredBy?: string | null;
  /** The number of its letter, when it has one. */
  number?: string | null;
  returnedOn: string;
  reason: string;
}

/** An answer of the authority other than its decision, as recorded: its letter's number, its day and its reason. */
interface AuthorityAnswer {
  number?: string | null;
  day: string;
  reason: string;
}

/** The problems of such an answer: its reason in words, its day (not before the dossier reached the authority, not in the future). */
function authorityAnswerProblems(answer: AuthorityAnswer, fields: { day: string; reasonMessage: string }, sentOn: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const reason = keptLength(answer.reason);
  if (reason < 10 || reason > 5000) problems.push({ field: 'reason', message: `${fields.reasonMessage} (10–5.000 ký tự)` });
  if (answer.day > today) problems.push({ field: fields.day, message: 'ngày trả lời không thể ở tương lai' });
  if (answer.day < sentOn) problems.push({ field: fields.day, message: `ngày trả lời không thể trước ngày trình đề nghị (${shortDate(sentOn)})` });
  if (keptLength(answer.number ?? '') > 60) problems.push({ field: 'number', message: 'số văn bản tối đa 60 ký tự, ghi như trên bản giấy' });
  return problems;
}

/** The problems of an authority's refusal as recorded on `route`. */
export function authorityRefusalProblems(input: AuthorityRefusalInput, route: AuthorityRoute, sentOn: string, today: string): FieldProblem[] {
  return [...answeringBodyProblems(route, 'REFUSAL', input.answeredBy), ...authorityAnswerProblems({ number: input.number, day: input.refusedOn, reason: input.reason },
    { day: 'refusedOn', reasonMessage: 'ghi lý do không khen thưởng như văn bản trả lời của cấp có thẩm quyền' }, sentOn, today)];
}

/** The problems of an authority's return of the dossier as recorded on `route`. */
export function authorityReturnProblems(input: AuthorityReturnInput, route: AuthorityRoute, sentOn: string, today: string): FieldProblem[] {
  return [...answeringBodyProblems(route, 'RETURN', input.answeredBy), ...authorityAnswerProblems({ number: input.number, day: input.returnedOn, reason: input.reason },
    { day: 'returnedOn', reasonMessage: 'ghi hồ sơ cần bổ sung, sửa gì như văn bản trả lại của cấp có thẩm quyền' }, sentOn, today)];
}

/** A reason to return a dossier or the note of what was corrected: a sentence the level below can act on. */
export function proposalNoteProblems(note: string, field: string): FieldProblem[] {
  const length = keptLength(note);
  return length < 10 || length > 5000 ? [{ field, message: 'ghi rõ hồ sơ cần bổ sung, sửa gì hoặc đã sửa gì (10–5.000 ký tự)' }] : [];
}
