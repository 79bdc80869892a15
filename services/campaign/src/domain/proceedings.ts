import { shortDate, type FieldProblem } from '@thidua/common';

const MIN_TEXT = 10;
const MAX_TEXT = 1000;

function textProblem(field: string, value: string, what: string): FieldProblem[] {
  const length = value.trim().length;
  if (length < MIN_TEXT) return [{ field, message: `ghi rõ ${what} (ít nhất ${MIN_TEXT} ký tự), ví dụ số và ngày của văn bản` }];
  if (length > MAX_TEXT) return [{ field, message: `${what} tối đa ${MAX_TEXT} ký tự` }];
  return [];
}

/** A case opened on a day that has come, with the grounds written down (the officers over the subject read them). */
export function openingProblems(input: { note: string; openedOn: string }, today: string): FieldProblem[] {
  const problems = textProblem('note', input.note, 'căn cứ ghi nhận');
  if (input.openedOn > today) problems.push({ field: 'openedOn', message: 'ngày bắt đầu không thể ở tương lai' });
  return problems;
}

/** A case closed with its outcome, not before it opened nor in the future. */
export function closingProblems(input: { outcome: string; closedOn: string }, openedOn: string, today: string): FieldProblem[] {
  const problems = textProblem('outcome', input.outcome, 'kết quả xử lý');
  if (input.closedOn > today) problems.push({ field: 'closedOn', message: 'ngày kết thúc không thể ở tương lai' });
  if (input.closedOn < openedOn) problems.push({ field: 'closedOn', message: `ngày kết thúc không thể trước ngày bắt đầu (${shortDate(openedOn)})` });
  return problems;
}
