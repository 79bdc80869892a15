import type { FieldProblem } from '@thidua/common';
import { unshowableCharacter } from './feed-text';
import type { StoryKind } from './stories';

/** A section (chuyên trang, chuyên mục): a filter over published stories plus an order. */
export interface SectionFilter {
  kinds: StoryKind[];
  provinceCode: string | null;
  occupationCode: string | null;
  tags: string[];
  directProductionWorkersOnly: boolean;
}

export type SectionOrder = 'NEWEST' | 'OLDEST';

export function sectionProblems(slug: string, name: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) problems.push({ field: 'slug', message: 'chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ guong-dien-hinh' });
  if (name.trim().length < 2 || name.length > 200) problems.push({ field: 'name', message: 'tên chuyên mục dài 2–200 ký tự' });
  const character = unshowableCharacter(name);
  if (character) problems.push({ field: 'name', message: `Tên chuyên mục có ký tự không hiển thị được (${character}): xoá ký tự đó rồi lưu lại.` });
  return problems;
}
