import { foldVietnamese, type FieldProblem, type MeasurableTarget } from '@thidua/common';

/** A measurable target (chỉ tiêu) as drafted: the shape events carry, without the id it gets when saved. */
export type TargetDraft = MeasurableTarget;

/** Just the target of a row that carries one (a saved target has its id, campaign and position too). */
export function targetDraft({ name, unitOfMeasure, targetValue, direction, aggregation, weight }: TargetDraft): TargetDraft {
  return { name, unitOfMeasure, targetValue, direction, aggregation, weight };
}

/** A target as someone proposes it: the value may still be missing (an empty field is not 0). */
export interface ProposedTarget extends Omit<TargetDraft, 'targetValue'> {
  targetValue: number | null;
}

/**
 * The rule of a measurable target, as the launch form shows it beside each field (one text per field, used by the
 * API's messages too): "cụ thể, đo lường được" — what is counted, in which unit, how much.
 */
export const TARGET_RULES = {
  name: 'Nêu rõ cái được đếm hoặc đo (ví dụ «Sáng kiến được công nhận», «Tai nạn lao động»), không chỉ một lời khen như «làm việc tốt».',
  unitOfMeasure: 'Bắt buộc: đơn vị đếm hoặc đo được (ví dụ «sáng kiến», «người», «%», «triệu đồng», «vụ»).',
  targetValue: 'Bắt buộc, là một số không âm. Số 0 chỉ dùng cho chỉ tiêu «càng thấp càng tốt» (ví dụ 0 vụ tai nạn); chỉ tiêu «càng cao càng tốt» cần một số lớn hơn 0.',
} as const satisfies Partial<Record<keyof TargetDraft, string>>;

/**
 * Units that count nothing in particular: "5 việc" or "3 lần" says how many, not of what. With a name that is only
 * praise ("làm việc tốt") such a target cannot be measured; with a name that says what is counted it can.
 */
const GENERIC_UNITS = new Set(['viec', 'cong viec', 'hoat dong', 'noi dung', 'lan', 'dieu', 'cai']);

/**
 * Syllables of names that state only effort or praise: doing, achieving, well, actively, effectively… A name made of
 * these alone names no countable thing.
 */
const VAGUE_SYLLABLES = new Set(
  ('lam thuc hien co dat viec cong hoat dong tot tich cuc hieu qua xuat sac nghiem tuc thiet gioi nang cao day manh tang cuong ' +
    'phan dau gop huong ung chat luong sau rong nhieu hon nhiem vu hoan thanh tham gia phong trao thi dua')
    .split(' '),
);

function onlyPraise(name: string): boolean {
  const syllables = foldVietnamese(name).split(/[^a-z0-9]+/).filter(Boolean);
  return syllables.length > 0 && syllables.every((s) => VAGUE_SYLLABLES.has(s));
}

/** What makes a proposed target not measurable, each problem naming its field and the target. */
export function targetProblems(target: ProposedTarget, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = target.name.trim();
  const unit = target.unitOfMeasure.trim();
  const called = name ? `Chỉ tiêu «${name}»` : 'Chỉ tiêu';
  if (!name) problems.push({ field: `${field}.name`, message: `Nhập tên chỉ tiêu. ${TARGET_RULES.name}` });
  else if (name.length > 200) problems.push({ field: `${field}.name`, message: `Tên chỉ tiêu dài tối đa 200 ký tự (đang có ${name.length}).` });
  if (!unit) problems.push({ field: `${field}.unitOfMeasure`, message: `${called} chưa có đơn vị tính. ${TARGET_RULES.unitOfMeasure}` });
  else if (name && GENERIC_UNITS.has(foldVietnamese(unit)) && onlyPraise(name)) {
    problems.push({ field: `${field}.name`, message: `${called} đo bằng «${unit}» thì không đo lường được: ${TARGET_RULES.name}` });
  }
  problems.push(...valueProblems(target, field, called));
  if (!(target.weight > 0 && target.weight <= 100)) problems.push({ field: `${field}.weight`, message: 'Trọng số phải lớn hơn 0 và tối đa 100 (%).' });
  return problems;
}

function valueProblems(target: ProposedTarget, field: string, called: string): FieldProblem[] {
  const value = target.targetValue;
  const at = `${field}.targetValue`;
  if (value === null) return [{ field: at, message: `${called} chưa có mức chỉ tiêu (để trống không được tính là 0). ${TARGET_RULES.targetValue}` }];
  if (!Number.isFinite(value)) return [{ field: at, message: `Mức chỉ tiêu phải là một con số. ${TARGET_RULES.targetValue}` }];
  if (value < 0) return [{ field: at, message: `${called}: mức chỉ tiêu không được âm (đang là ${value}).` }];
  if (value === 0 && target.direction === 'HIGHER_IS_BETTER') {
    return [{ field: at, message: `${called}: mức 0 với chiều «càng cao càng tốt» thì ai cũng đạt. Đặt một mức lớn hơn 0, hoặc chọn «càng thấp càng tốt» nếu muốn giữ ở 0.` }];
  }
  return [];
}

/** Targets that passed `targetProblems` all have a value; saving anything else is a bug, not bad input. */
export function measuredTargets(targets: ProposedTarget[]): TargetDraft[] {
  return targets.map((target) => {
    if (target.targetValue === null) throw new Error(`target "${target.name}" was saved without a value: validate it first`);
    return { ...target, targetValue: target.targetValue };
  });
}
