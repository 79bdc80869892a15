import type { FieldProblem } from '@thidua/common';

/**
 * Emulation blocs (khối, cụm thi đua): units grouped by the council of a level, who sign a covenant (giao ước thi
 * đua), are scored and ranked at the year's end, and whose leading unit is proposed for that level's emulation flag.
 */
export const BLOC_RULES = {
  organisedBy: {
    source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 16 khoản 2 điểm c (cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức)',
    verified: true,
  },
  flag: {
    /** Cờ thi đua cấp bộ, ngành, tỉnh (the federation's and provinces' own flags pay at this rate). */
    formCode: 'CO_TINH',
    organiserLevels: ['NATIONAL', 'PROVINCIAL', 'SECTOR'],
    source: 'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 26 (Cờ thi đua cấp bộ, ban, ngành, tỉnh: tập thể dẫn đầu phong trào thi đua của cụm, khối) — chưa đối chiếu nguyên văn',
    verified: false,
  },
  minUnits: 2,
  maxUnits: 100,
  maxCommitments: 20,
  maxScore: 1000,
} as const;

export type BlocKind = 'KHOI' | 'CUM'; // khối thi đua / cụm thi đua
export type BlocStatus = 'FORMED' | 'COVENANT_SIGNED' | 'RANKED';

/** A bloc as formed: a level that gives a flag, a name, a year near now, two or more distinct units. */
export function blocProblems(input: { name: string; year: number; unitIds: string[] }, organiserLevel: string, thisYear: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(BLOC_RULES.flag.organiserLevels as readonly string[]).includes(organiserLevel)) {
    problems.push({ field: 'organiserUnitId', message: `khối, cụm thi đua đề nghị Cờ thi đua nên do Hội đồng Thi đua - Khen thưởng cấp tỉnh, ngành hoặc Tổng Liên đoàn tổ chức (${BLOC_RULES.flag.source})` });
  }
  const name = input.name.trim().length;
  if (name < 3 || name > 200) problems.push({ field: 'name', message: 'tên khối, cụm thi đua dài 3–200 ký tự' });
  if (!Number.isInteger(input.year) || input.year < thisYear - 1 || input.year > thisYear + 1) problems.push({ field: 'year', message: `năm thi đua từ ${thisYear - 1} đến ${thisYear + 1}` });
  if (input.unitIds.length < BLOC_RULES.minUnits || input.unitIds.length > BLOC_RULES.maxUnits) {
    problems.push({ field: 'memberUnitIds', message: `một khối, cụm có từ ${BLOC_RULES.minUnits} đến ${BLOC_RULES.maxUnits} đơn vị` });
  }
  if (new Set(input.unitIds).size !== input.unitIds.length) problems.push({ field: 'memberUnitIds', message: 'mỗi đơn vị chỉ có một lần trong khối, cụm' });
  return problems;
}

/** The covenant: signed in the year (or the December before), not in the future, with commitments worth reading. */
export function covenantProblems(input: { signedOn: string; commitments: string[] }, year: number, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.signedOn > today) problems.push({ field: 'signedOn', message: 'ngày ký không thể ở tương lai' });
  if (input.signedOn < `${year - 1}-12-01` || input.signedOn > `${year}-12-31`) problems.push({ field: 'signedOn', message: `giao ước thi đua năm ${year} ký trong năm ${year} (hoặc tháng 12 năm trước)` });
  if (input.commitments.length === 0 || input.commitments.length > BLOC_RULES.maxCommitments) {
    problems.push({ field: 'commitments', message: `giao ước có từ 1 đến ${BLOC_RULES.maxCommitments} nội dung` });
  }
  input.commitments.forEach((text, index) => {
    const length = text.trim().length;
    if (length < 10 || length > 500) problems.push({ field: `commitments.${index}`, message: 'mỗi nội dung giao ước dài 10–500 ký tự' });
  });
  return problems;
}

export interface BlocScore {
  unitId: string;
  unitName: string;
  score: number;
}

/** Each unit of the bloc scored once, between 0 and the scale's top. */
export function scoreProblems(scores: { unitId: string; score: number }[], unitIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const given = scores.map((s) => s.unitId);
  if (new Set(given).size !== given.length) problems.push({ field: 'scores', message: 'mỗi đơn vị chỉ chấm một lần' });
  if (unitIds.some((id) => !given.includes(id)) || given.some((id) => !unitIds.includes(id))) problems.push({ field: 'scores', message: 'chấm điểm đủ và đúng các đơn vị của khối, cụm' });
  scores.forEach((s, index) => {
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > BLOC_RULES.maxScore) problems.push({ field: `scores.${index}.score`, message: `điểm từ 0 đến ${BLOC_RULES.maxScore}` });
  });
  return problems;
}

/**
 * Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). The flag goes to one unit: at a tie at the top
 * the one collective of at least 70% women among them leads (`preferred`, WOMEN_PREFERENCE_RULE); any other tie is
 * returned for the council to break (with a deciding score), not broken here.
 */
export function rankBloc(scores: readonly BlocScore[], preferred: (unitId: string) => boolean = () => false): { ranked: (BlocScore & { rank: number })[]; tiedAtTop: BlocScore[] } {
  const sorted = [...scores].sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'vi'));
  const ranked = sorted.map((s) => ({ ...s, rank: 1 + sorted.filter((other) => other.score > s.score).length }));
  const top = ranked.filter((s) => s.rank === 1);
  // equal scores at the top: a collective of at least 70% women leads when it alone is one (WOMEN_PREFERENCE_RULE)
  const preferredAtTop = top.filter((s) => preferred(s.unitId));
  if (top.length > 1 && preferredAtTop.length === 1) {
    // the tie is broken: the leader alone is first, the others it tied with second
    const leader = preferredAtTop[0]!;
    return { ranked: [leader, ...ranked.filter((s) => s !== leader).map((s) => (s.rank === 1 ? { ...s, rank: 2 } : s))], tiedAtTop: [] };
  }
  return { ranked, tiedAtTop: top.length > 1 ? top : [] };
}
