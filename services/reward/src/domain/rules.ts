import { shortDate, type FieldProblem } from '@thidua/common';
import { RULE_KIND_NAMES } from './reward-names';

/**
 * Eligibility and quota rules of reward forms. The rules are data (a form's `eligibility` and `quota` columns,
 * editable by national admins) interpreted here; each rule names its legal source so a refusal can cite it.
 */

export type TaskRating = 'COMPLETED' | 'GOOD' | 'EXCELLENT'; // hoàn thành / hoàn thành tốt / hoàn thành xuất sắc nhiệm vụ
export type InitiativeReach = 'UNIT' | 'PROVINCE' | 'NATIONAL'; // phạm vi ảnh hưởng: cơ sở / tỉnh, ngành / toàn quốc

const TASK_RATING_ORDER: TaskRating[] = ['COMPLETED', 'GOOD', 'EXCELLENT'];
const REACH_ORDER: InitiativeReach[] = ['UNIT', 'PROVINCE', 'NATIONAL'];
const TASK_RATING_WORDS: Record<TaskRating, string> = {
  COMPLETED: 'hoàn thành nhiệm vụ',
  GOOD: 'hoàn thành tốt nhiệm vụ',
  EXCELLENT: 'hoàn thành xuất sắc nhiệm vụ',
};

interface RuleBase {
  /** Law article, decree or union regulation the rule comes from. */
  source?: string;
}

export type EligibilityRule = RuleBase &
  (
    | { kind: 'TASK_RATING'; atLeast: TaskRating }
    | { kind: 'TITLE_IN_YEAR'; formCode: string }
    | { kind: 'CONSECUTIVE_YEARS'; formCode: string; years: number }
    | { kind: 'GRANTED_TIMES'; formCode: string; times: number; withinYears: number }
    | { kind: 'INITIATIVE'; minReach: InitiativeReach; withinYears: number }
    | { kind: 'INITIATIVE_BENEFIT'; singleMinVnd: number; cumulativeMinVnd: number; years: number }
    | { kind: 'DIRECT_WORKER' }
    | { kind: 'NON_LEADER' }
    | { kind: 'ONCE_IN_LIFETIME' }
    /** Full years in the union from the day of joining to the day the award is counted to (MM-DD of the award year). */
    | { kind: 'YEARS_IN_UNION'; years: number; countedTo: string }
    | { kind: 'MEMBERS_WITH_TITLE'; formCode: string; share?: number; moreThan?: boolean; minCount?: number }
    | { kind: 'ANY_OF'; rules: EligibilityRule[] }
  );

export type Quota = RuleBase & ({ kind: 'ABSOLUTE'; max: number } | { kind: 'SHARE_OF_FORM'; formCode: string; share: number });

/** What the decision knows about the subject, gathered from decisions, initiatives and the read models. */
export interface EligibilityFacts {
  /** The year the achievement belongs to (năm xét khen thưởng). */
  year: number;
  subjectName: string;
  taskRating: TaskRating | null;
  isDirectProductionWorker: boolean | null;
  holdsLeadershipPost: boolean | null;
  /** Forms granted to the subject on merit, by the year they were for. Ad-hoc and thematic rewards are left out (Law art. 8). */
  meritFormsByYear: ReadonlyMap<number, ReadonlySet<string>>;
  /** Every form the subject was ever granted, ad hoc included. */
  everGranted: ReadonlySet<string>;
  /** Recognised initiatives of the subject. */
  initiatives: readonly { year: number; reach: InitiativeReach; benefitVnd: number }[];
  /** For collectives: members of the unit's subtree and how many hold each title this year. */
  members: { total: number; withForm: Readonly<Record<string, number>> } | null;
  /** For individuals: the days they joined and left the union, when recorded. */
  membership?: { joinedOn: string | null; leftOn: string | null };
}

/** Rules that are not a form's eligibility: a pending case suspends, a yearly title needs a registration. */
export type StandingRule = 'PENDING_PROCEEDINGS' | 'REGISTRATION';

export interface RuleFailure {
  rule: EligibilityRule['kind'] | Quota['kind'] | StandingRule;
  source: string | null;
  message: string;
}

/** Names of forms, to word a refusal the way people know it ("Lao động tiên tiến", not "LDTT"). */
export type FormNames = (code: string) => string;

const vnd = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

/** How far an initiative's use reaches, in the words of a council's minutes. */
const REACH_NAMES: Record<InitiativeReach, string> = { UNIT: 'cấp cơ sở', PROVINCE: 'cấp tỉnh, ngành', NATIONAL: 'toàn quốc' };

function hasFormInYear(facts: EligibilityFacts, formCode: string, year: number): boolean {
  return facts.meritFormsByYear.get(year)?.has(formCode) ?? false;
}

function failure(rule: EligibilityRule, message: string): RuleFailure {
  return { rule: rule.kind, source: rule.source ?? null, message: rule.source ? `${message} (${rule.source})` : message };
}

/** The unmet rules of one rule (empty when met). ANY_OF fails only when none of its branches holds. */
function check(rule: EligibilityRule, facts: EligibilityFacts, names: FormNames): RuleFailure[] {
  const who = facts.subjectName;
  switch (rule.kind) {
    case 'TASK_RATING': {
      const met = facts.taskRating !== null && TASK_RATING_ORDER.indexOf(facts.taskRating) >= TASK_RATING_ORDER.indexOf(rule.atLeast);
      return met ? [] : [failure(rule, `cần được xếp loại từ "${TASK_RATING_WORDS[rule.atLeast]}" trở lên năm ${facts.year}; ${who} ${facts.taskRating ? `được xếp loại "${TASK_RATING_WORDS[facts.taskRating]}"` : 'chưa có xếp loại'}`)];
    }
    case 'TITLE_IN_YEAR':
      return hasFormInYear(facts, rule.formCode, facts.year) ? [] : [failure(rule, `cần có ${names(rule.formCode)} năm ${facts.year} trước; ${who} chưa có quyết định này`)];
    case 'CONSECUTIVE_YEARS': {
      const missing: number[] = [];
      for (let year = facts.year - rule.years + 1; year <= facts.year; year++) if (!hasFormInYear(facts, rule.formCode, year)) missing.push(year);
      return missing.length === 0 ? [] : [failure(rule, `cần ${names(rule.formCode)} ${rule.years} năm liên tục đến năm ${facts.year}; ${who} còn thiếu năm ${missing.join(', ')}`)];
    }
    case 'GRANTED_TIMES': {
      let times = 0;
      for (let year = facts.year - rule.withinYears + 1; year <= facts.year; year++) if (hasFormInYear(facts, rule.formCode, year)) times++;
      return times >= rule.times ? [] : [failure(rule, `cần ${rule.times} lần ${names(rule.formCode)} trong ${rule.withinYears} năm; ${who} có ${times} lần`)];
    }
    case 'INITIATIVE': {
      const minReach = REACH_ORDER.indexOf(rule.minReach);
      const met = facts.initiatives.some((i) => i.year > facts.year - rule.withinYears && i.year <= facts.year && REACH_ORDER.indexOf(i.reach) >= minReach);
      return met ? [] : [failure(rule, `cần sáng kiến được công nhận có phạm vi ảnh hưởng từ ${REACH_NAMES[rule.minReach]} trở lên trong ${rule.withinYears} năm đến năm ${facts.year}; ${who} chưa có`)];
    }
    case 'INITIATIVE_BENEFIT': {
      const recent = facts.initiatives.filter((i) => i.year > facts.year - rule.years && i.year <= facts.year);
      const best = Math.max(0, ...recent.filter((i) => i.year === facts.year).map((i) => i.benefitVnd));
      const total = recent.reduce((sum, i) => sum + i.benefitVnd, 0);
      const yearsWithInitiatives = new Set(recent.map((i) => i.year)).size;
      const met = best >= rule.singleMinVnd || (yearsWithInitiatives === rule.years && total >= rule.cumulativeMinVnd);
      return met
        ? []
        : [failure(rule, `cần một sáng kiến làm lợi từ ${vnd(rule.singleMinVnd)} trong năm ${facts.year}, hoặc sáng kiến trong ${rule.years} năm liên tục làm lợi tổng cộng từ ${vnd(rule.cumulativeMinVnd)}; ${who} có ${vnd(best)} năm nay và ${vnd(total)} trong ${yearsWithInitiatives} năm`)];
    }
    case 'DIRECT_WORKER':
      return facts.isDirectProductionWorker ? [] : [failure(rule, `dành cho người lao động trực tiếp sản xuất; ${who} không phải lao động trực tiếp`)];
    case 'NON_LEADER':
      return facts.holdsLeadershipPost === false ? [] : [failure(rule, `dành cho người không giữ chức vụ lãnh đạo, quản lý; ${who} đang giữ chức vụ`)];
    case 'ONCE_IN_LIFETIME':
      return [];
    case 'YEARS_IN_UNION': {
      const countedTo = `${facts.year}-${rule.countedTo}`;
      const joinedOn = facts.membership?.joinedOn ?? null;
      if (!joinedOn) return [failure(rule, `cần ${rule.years} năm tham gia tổ chức Công đoàn; hồ sơ của ${who} chưa ghi ngày vào Công đoàn`)];
      if (facts.membership?.leftOn) return [failure(rule, `${who} đã ra khỏi tổ chức Công đoàn ngày ${shortDate(facts.membership.leftOn)}`)];
      const years = fullYearsBetween(joinedOn, countedTo);
      return years >= rule.years ? [] : [failure(rule, `cần đủ ${rule.years} năm tham gia tổ chức Công đoàn tính đến ${shortDate(countedTo)}; ${who} có ${Math.max(0, years)} năm (từ ${shortDate(joinedOn)})`)];
    }
    case 'MEMBERS_WITH_TITLE': {
      const members = facts.members ?? { total: 0, withForm: {} };
      const holders = members.withForm[rule.formCode] ?? 0;
      const problems: string[] = [];
      if (rule.share !== undefined) {
        const needed = rule.share * members.total;
        const met = members.total > 0 && (rule.moreThan ? holders > needed : holders >= needed);
        if (!met) problems.push(`${rule.moreThan ? 'trên' : 'từ'} ${Math.round(rule.share * 100)}% thành viên đạt ${names(rule.formCode)} (có ${holders}/${members.total})`);
      }
      if (rule.minCount !== undefined && holders < rule.minCount) problems.push(`ít nhất ${rule.minCount} thành viên đạt ${names(rule.formCode)} (có ${holders})`);
      return problems.length === 0 ? [] : [failure(rule, `cần ${problems.join(' và ')} trong năm ${facts.year}`)];
    }
    case 'ANY_OF': {
      const branches = rule.rules.map((branch) => check(branch, facts, names));
      if (branches.some((failures) => failures.length === 0)) return [];
      return [failure(rule, `cần đạt một trong các điều kiện: ${branches.flat().map((f) => f.message).join('; hoặc ')}`)];
    }
  }
}

/**
 * Every unmet rule for granting a form to a subject. Once-in-a-lifetime forms are checked against the form's own
 * code, which only the caller knows, so it is passed in.
 */
export function unmetRules(formCode: string, rules: readonly EligibilityRule[], facts: EligibilityFacts, names: FormNames): RuleFailure[] {
  const failures = rules.flatMap((rule) => check(rule, facts, names));
  for (const rule of rules) {
    if (rule.kind === 'ONCE_IN_LIFETIME' && facts.everGranted.has(formCode)) {
      failures.push(failure(rule, `${names(formCode)} chỉ tặng một lần; ${facts.subjectName} đã được tặng`));
    }
  }
  return failures;
}

/** Counts the quota needs, for the granting unit and year of the decision. */
export interface QuotaUsage {
  /** Decisions of this form already granted. */
  granted: number;
  /**
   * Proposals of this form the unit's council approved that are still on their way to the authority deciding it: each
   * may become a decision of the unit's quota, so it holds a place there until it is decided or refused.
   */
  pending: number;
  /** Decisions of the form the quota is a share of (SHARE_OF_FORM). */
  baseGranted: number;
}

/** How many decisions of the form the quota allows (a share is rounded down), or null for no limit. */
export function quotaLimit(quota: Quota | null, usage: QuotaUsage): number | null {
  if (!quota) return null;
  return quota.kind === 'ABSOLUTE' ? quota.max : Math.floor(quota.share * usage.baseGranted);
}

/** Places of the quota taken: decisions granted and proposals still on their way. */
export function quotaTaken(usage: QuotaUsage): number {
  return usage.granted + usage.pending;
}

export function quotaFailure(quota: Quota | null, usage: QuotaUsage, formName: string, names: FormNames, year: number): RuleFailure | null {
  const limit = quotaLimit(quota, usage);
  if (quota === null || limit === null || quotaTaken(usage) < limit) return null;
  const basis = quota.kind === 'ABSOLUTE' ? `${quota.max} mỗi đơn vị mỗi năm` : `${Math.round(quota.share * 100)}% số ${names(quota.formCode)} đã tặng (${usage.baseGranted})`;
  const taken = usage.pending ? `đã dùng ${quotaTaken(usage)}/${limit} chỉ tiêu (đã tặng ${usage.granted}, ${usage.pending} đề nghị đang trình chưa có quyết định)` : `đã tặng ${usage.granted}/${limit}`;
  const message = `Đã hết chỉ tiêu ${formName} năm ${year}: ${taken} (${basis})`;
  return { rule: quota.kind, source: quota.source ?? null, message: quota.source ? `${message} (${quota.source})` : message };
}

const FORM_CODE = /^[A-Z0-9_]{2,32}$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whole years from one day to another (a birthday-style count: 2006-07-28 → 2026-07-28 is 20). */
export function fullYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/** The catalogue's rule fields, as the national admin's screen labels them. */
export const RULE_FIELD_NAMES: Record<string, string> = {
  eligibility: 'Điều kiện xét tặng cá nhân',
  collectiveEligibility: 'Điều kiện xét tặng tập thể',
  quota: 'Chỉ tiêu',
};

const TASK_RATING_CHOICES = TASK_RATING_ORDER.map((r) => `${r} (${TASK_RATING_WORDS[r]})`).join(', ');
const REACH_CHOICES = REACH_ORDER.map((r) => `${r} (${REACH_NAMES[r]})`).join(', ');
const CODE_EXAMPLE = 'mã một hình thức của danh mục, ví dụ LDTT';

/**
 * Validates rules loaded from input or the database: a mistyped rule must not silently pass everyone. Each problem
 * names its rule by place and kind in words ("Điều kiện xét tặng cá nhân, quy tắc thứ 1 (có danh hiệu trong năm)")
 * and its dotted field, so the screen shows it beside the rules it came from.
 */
export function ruleProblems(rules: unknown, field: string, where = RULE_FIELD_NAMES[field] ?? field): FieldProblem[] {
  if (!Array.isArray(rules)) return [{ field, message: `${where}: hãy ghi một danh sách quy tắc JSON, ví dụ [] khi không có điều kiện nào` }];
  return rules.flatMap((rule, index) => singleRuleProblems(rule, `${field}.${index}`, `${where}, quy tắc thứ ${index + 1}`));
}

function singleRuleProblems(rule: unknown, field: string, where: string): FieldProblem[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [{ field, message: `${where}: mỗi quy tắc là một đối tượng JSON có "kind"` }];
  const r = rule as Record<string, unknown>;
  const named = `${where} (${RULE_KIND_NAMES[String(r.kind)] ?? String(r.kind)})`;
  const problem = (path: string, message: string): FieldProblem[] => [{ field: path ? `${field}.${path}` : field, message: `${named}: ${message}` }];
  const isCode = (value: unknown) => typeof value === 'string' && FORM_CODE.test(value);
  const isPositiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
  const needsCode = () => (isCode(r.formCode) ? [] : problem('formCode', `"formCode" phải là ${CODE_EXAMPLE}`));
  switch (r.kind) {
    case 'TASK_RATING':
      return TASK_RATING_ORDER.includes(r.atLeast as TaskRating) ? [] : problem('atLeast', `"atLeast" là một trong ${TASK_RATING_CHOICES}`);
    case 'TITLE_IN_YEAR':
      return needsCode();
    case 'CONSECUTIVE_YEARS':
      return [...needsCode(), ...(isPositiveInt(r.years) ? [] : problem('years', '"years" là số năm liên tục, số nguyên dương'))];
    case 'GRANTED_TIMES':
      return [...needsCode(), ...(isPositiveInt(r.times) && isPositiveInt(r.withinYears) ? [] : problem('times', '"times" (số lần) và "withinYears" (trong số năm) là số nguyên dương'))];
    case 'INITIATIVE':
      return REACH_ORDER.includes(r.minReach as InitiativeReach) && isPositiveInt(r.withinYears) ? [] : problem('minReach', `cần "minReach" là một trong ${REACH_CHOICES} và "withinYears" là số năm, số nguyên dương`);
    case 'INITIATIVE_BENEFIT':
      return isPositiveInt(r.singleMinVnd) && isPositiveInt(r.cumulativeMinVnd) && isPositiveInt(r.years)
        ? []
        : problem('', 'cần "singleMinVnd" (làm lợi tối thiểu của một sáng kiến, đồng), "cumulativeMinVnd" (tổng làm lợi, đồng) và "years" (số năm), đều là số nguyên dương');
    case 'DIRECT_WORKER':
    case 'NON_LEADER':
    case 'ONCE_IN_LIFETIME':
      return [];
    case 'YEARS_IN_UNION':
      return isPositiveInt(r.years) && typeof r.countedTo === 'string' && MONTH_DAY.test(r.countedTo)
        ? []
        : problem('', 'cần "years" (số năm tham gia, số nguyên dương) và "countedTo" (ngày tính đến trong năm, dạng MM-DD, ví dụ 07-28)');
    case 'MEMBERS_WITH_TITLE': {
      const shareOk = r.share === undefined || (typeof r.share === 'number' && r.share > 0 && r.share <= 1);
      const countOk = r.minCount === undefined || isPositiveInt(r.minCount);
      const counted = shareOk && countOk && (r.share !== undefined || r.minCount !== undefined);
      return [...needsCode(), ...(counted ? [] : problem('share', 'cần "share" (tỷ lệ thành viên, lớn hơn 0 và tối đa 1, ví dụ 0.5) hoặc "minCount" (số thành viên, số nguyên dương)'))];
    }
    case 'ANY_OF':
      if (!Array.isArray(r.rules) || r.rules.length === 0) return problem('rules', '"rules" phải liệt kê ít nhất một quy tắc');
      return r.rules.flatMap((branch, index) => singleRuleProblems(branch, `${field}.rules.${index}`, `${named}, điều kiện thứ ${index + 1}`));
    default:
      return [{ field: `${field}.kind`, message: `${where}: "kind" "${String(r.kind).slice(0, 40)}" không phải quy tắc nào; dùng một trong ${Object.keys(RULE_KIND_NAMES).filter((k) => !QUOTA_KINDS.includes(k)).join(', ')}` }];
  }
}

const QUOTA_KINDS = ['ABSOLUTE', 'SHARE_OF_FORM'];

export function quotaProblems(quota: unknown, field: string, where = RULE_FIELD_NAMES[field] ?? field): FieldProblem[] {
  if (quota === null || quota === undefined) return [];
  const q = quota as Record<string, unknown>;
  if (q.kind === 'ABSOLUTE') {
    return Number.isInteger(q.max) && (q.max as number) >= 0 ? [] : [{ field: `${field}.max`, message: `${where} (${RULE_KIND_NAMES.ABSOLUTE}): "max" là số nguyên từ 0` }];
  }
  if (q.kind === 'SHARE_OF_FORM') {
    const ok = typeof q.formCode === 'string' && FORM_CODE.test(q.formCode) && typeof q.share === 'number' && q.share > 0 && q.share <= 1;
    return ok ? [] : [{ field, message: `${where} (${RULE_KIND_NAMES.SHARE_OF_FORM}): cần "formCode" (${CODE_EXAMPLE}) và "share" (lớn hơn 0, tối đa 1, ví dụ 0.15)` }];
  }
  return [{ field: `${field}.kind`, message: `${where}: "kind" là ABSOLUTE (${RULE_KIND_NAMES.ABSOLUTE}) hoặc SHARE_OF_FORM (${RULE_KIND_NAMES.SHARE_OF_FORM}); để trống khi không giới hạn` }];
}

/** Every form code the rules and the quota name, to check they are in the catalogue. */
export function referencedFormCodes(rules: readonly unknown[], quota: unknown): string[] {
  const codes = new Set<string>();
  const visit = (rule: unknown) => {
    if (typeof rule !== 'object' || rule === null) return;
    const r = rule as Record<string, unknown>;
    if (typeof r.formCode === 'string') codes.add(r.formCode);
    if (Array.isArray(r.rules)) r.rules.forEach(visit);
  };
  rules.forEach(visit);
  visit(quota);
  return [...codes];
}
