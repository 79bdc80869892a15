import { ForbiddenError, ValidationError, isWithinSubtree, parseId, queryRows, type CampaignLaunchedV1, type FieldProblem, type HonourSubjectV1, type Queryable } from '@thidua/common';
import type { EntityManager } from 'typeorm';

/** What a story refers to besides itself: the campaign it is about, its members and units. */
export interface StoryReferences {
  campaignId?: string | null;
  memberIds?: string[] | null;
  unitIds?: string[] | null;
}

/** CampaignLaunched: the campaign and the subtree it covers, which decide whose stories may attach it. */
export async function recordLaunchedCampaign(manager: EntityManager, launched: CampaignLaunchedV1): Promise<void> {
  await manager.query(
    `INSERT INTO campaign_refs (id, launching_unit_path, scope_unit_path) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET launching_unit_path = EXCLUDED.launching_unit_path, scope_unit_path = EXCLUDED.scope_unit_path`,
    [launched.campaignId, launched.launchingUnitPath, launched.scope.unitPath],
  );
}

/**
 * A campaign belongs to an editor's part of the union when it was launched for a subtree inside it (a province's own
 * movement), or covers all of it (the national federation's movement, for a province's editor).
 */
function campaignFits(campaignScope: string, editorScope: string): boolean {
  return isWithinSubtree(campaignScope, editorScope) || isWithinSubtree(editorScope, campaignScope);
}

const REFERENCE_NAMES = { campaignId: 'phong trào', memberIds: 'đoàn viên', unitIds: 'đơn vị' } as const;

/** How the refusal names a reference: by what it is and its place in the list, never by whose it is. */
function describe(field: string): string {
  const [list, index] = field.split('.') as [keyof typeof REFERENCE_NAMES, string | undefined];
  return index === undefined ? REFERENCE_NAMES[list] : `${REFERENCE_NAMES[list]} thứ ${Number(index) + 1} trong danh sách`;
}

/**
 * Every campaign, member and unit a story names lies in the editor's scope (issue 13, item 7), judged on media's read
 * models of them (kept from campaign's events). An unknown one is input to fix (BAD_USER_INPUT); one of another part
 * of the union is refused (FORBIDDEN) without a word of whose it is. Only the references given are checked, so an
 * edit that leaves the subjects alone is not refused for them.
 */
export async function requireReferencesInScope(db: Queryable, editorScope: string, references: StoryReferences): Promise<void> {
  const unknown: FieldProblem[] = [];
  const outside: string[] = [];
  if (references.campaignId) {
    const [campaign] = await queryRows<{ scopeUnitPath: string }>(db, `SELECT scope_unit_path AS "scopeUnitPath" FROM campaign_refs WHERE id = $1`, [
      parseId('campaignId', references.campaignId),
    ]);
    if (!campaign) unknown.push({ field: 'campaignId', message: 'không có phong trào đã phát động nào như vậy; chỉ gắn được phong trào đã phát động' });
    else if (!campaignFits(campaign.scopeUnitPath, editorScope)) outside.push('campaignId');
  }
  for (const [list, table, path, what] of [
    ['memberIds', 'member_refs', 'unit_path', 'đoàn viên'],
    ['unitIds', 'unit_refs', 'path', 'đơn vị'],
  ] as const) {
    const ids = (references[list] ?? []).map((id, i) => parseId(`${list}.${i}`, id));
    if (ids.length === 0) continue;
    const found = new Map(
      (await queryRows<{ id: string; path: string }>(db, `SELECT id, ${path} AS path FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).map((row) => [row.id, row.path]),
    );
    ids.forEach((id, i) => {
      const unitPath = found.get(id);
      if (unitPath === undefined) unknown.push({ field: `${list}.${i}`, message: `không tìm thấy ${what} này (một ${what} vừa thêm cần ít phút để chuyên trang biết đến)` });
      else if (!isWithinSubtree(unitPath, editorScope)) outside.push(`${list}.${i}`);
    });
  }
  if (outside.length > 0) {
    throw new ForbiddenError(`Bài viết chỉ gắn được phong trào, đoàn viên và đơn vị thuộc phạm vi biên tập của bạn; hãy bỏ ${outside.map(describe).join(', ')}`, { fields: outside });
  }
  if (unknown.length > 0) throw new ValidationError(unknown);
}

/** The subject proposed as an exemplar lies in the editor's scope, whatever story it comes from (issue 13, item 7). */
export function requireSubjectInScope(subject: HonourSubjectV1, editorScope: string): void {
  if (!isWithinSubtree(subject.unitPath, editorScope)) {
    throw new ForbiddenError(`Chỉ đề xuất được ${subject.memberId ? 'đoàn viên' : 'tập thể'} thuộc phạm vi biên tập của bạn`, { field: subject.memberId ? 'memberId' : 'unitId' });
  }
}
