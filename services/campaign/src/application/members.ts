import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  decodeCursor,
  foldVietnamese,
  pageSize,
  parseId,
  requireRole,
  requireWithinScope,
  toConnection,
  type Connection,
  type PageRequest,
} from '@thidua/common';
import { canSeeMember } from '../domain/access';
import { memberProblems } from '../domain/members';
import { MemberEntity, type MemberRow } from '../entities';
import type { CampaignContext } from './context';

export interface CreateMemberInput {
  unitId: string;
  fullName: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  joinedUnionOn?: string | null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function createMember(ctx: CampaignContext, input: CreateMemberInput): Promise<MemberRow> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', input.unitId));
  if (!unit) throw new NotFoundError('Unit', input.unitId);
  requireWithinScope(ctx.identity, unit.path);
  const occupation = await ctx.loaders.occupation.load(input.occupationCode);
  const joinedUnionOn = input.joinedUnionOn ?? null;
  const problems = memberProblems({ fullName: input.fullName, occupationCode: input.occupationCode, joinedUnionOn }, unit.level, occupation !== null, today());
  if (problems.length > 0) throw new ValidationError(problems);

  return ctx.transaction(async ({ manager, emit }) => {
    const fullName = input.fullName.trim();
    const saved = await manager.getRepository(MemberEntity).save({
      fullName,
      fullNameFolded: foldVietnamese(fullName),
      unitId: unit.id,
      unitPath: unit.path,
      occupationCode: input.occupationCode,
      isDirectProductionWorker: input.isDirectProductionWorker,
      holdsLeadershipPost: input.holdsLeadershipPost,
      joinedUnionOn,
    });
    await emit({
      type: 'MemberCreated',
      aggregateId: saved.id,
      unitPath: unit.path,
      payload: {
        memberId: saved.id,
        fullName: saved.fullName,
        unitId: unit.id,
        unitPath: unit.path,
        occupationCode: saved.occupationCode,
        isDirectProductionWorker: saved.isDirectProductionWorker,
        holdsLeadershipPost: saved.holdsLeadershipPost,
      },
    });
    return saved;
  });
}

/** A member the caller may see, or null (not found and not visible look the same). */
export async function visibleMember(ctx: CampaignContext, id: string): Promise<MemberRow | null> {
  const member = await ctx.loaders.member.load(parseId('id', id));
  return member && canSeeMember(ctx.identity, member) ? member : null;
}

export async function membersOfSubtree(ctx: CampaignContext, unitId: string, page: PageRequest): Promise<Connection<MemberRow>> {
  requireRole(ctx.identity, 'NATIONAL_ADMIN', 'UNIT_OFFICER');
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw new NotFoundError('Unit', unitId);
  requireWithinScope(ctx.identity, unit.path);
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after);
  const rows = (await ctx.db.query(
    `SELECT id, full_name AS "fullName", full_name_folded AS "fullNameFolded", unit_id AS "unitId", unit_path AS "unitPath",
            occupation_code AS "occupationCode", is_direct_production_worker AS "isDirectProductionWorker",
            holds_leadership_post AS "holdsLeadershipPost", to_char(joined_union_on, 'YYYY-MM-DD') AS "joinedUnionOn", created_at AS "createdAt"
       FROM members
      WHERE unit_path LIKE $1 AND ($3::uuid IS NULL OR id > $3::uuid)
      ORDER BY id LIMIT $2`,
    [`${unit.path}%`, limit + 1, after?.[0] ?? null],
  )) as MemberRow[];
  return toConnection(rows, limit, (row) => [row.id]);
}

export function assertCanSee(ctx: CampaignContext, member: MemberRow): void {
  if (!canSeeMember(ctx.identity, member)) throw new ForbiddenError('This member record is outside your scope');
}
