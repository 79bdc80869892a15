import type { GraphQLResolverMap } from '@thidua/common';
import type { RewardContext } from '../application/context';
import {
  adHocTimeLimit, addCouncilMember, attendeesOf, closeCouncilMeeting, councilOf, councilRules, declareCouncilConflict, meetingQuorum, meetingsOf, myConflict, nominationOutcome,
  openCouncilMeeting, openMeetingOf, removeCouncilMember, saveCouncilRule, seatOf, seatsOf, setAdHocTimeLimit, type CouncilMeetingRow, type CouncilSeatRow, type SeatInput,
} from '../application/council-meetings';
import type { CouncilRule } from '../domain/council';
import type { NominationRow, UnitRef } from '../entities';

type Ctx = RewardContext;
type Id = { id: string };

/** The resolvers of how a council decides (schema.graphql, its own section), merged into the subgraph's. */
export const councilResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    council: (_: unknown, args: { unitId?: string | null }, ctx: Ctx) => councilOf(ctx, args.unitId ?? null),
    councilRules: (_: unknown, __: unknown, ctx: Ctx) => councilRules(ctx.db),
    adHocTimeLimit: (_: unknown, __: unknown, ctx: Ctx) => adHocTimeLimit(ctx.db),
  },
  Mutation: {
    addCouncilMember: (_: unknown, args: { unitId: string; input: SeatInput }, ctx: Ctx) => addCouncilMember(ctx, args.unitId, args.input),
    removeCouncilMember: (_: unknown, { id }: Id, ctx: Ctx) => removeCouncilMember(ctx, id),
    declareCouncilConflict: (_: unknown, args: { input: { memberId: string; relation: string } }, ctx: Ctx) => declareCouncilConflict(ctx, args.input),
    openCouncilMeeting: (_: unknown, args: { unitId: string; input: { heldOn?: string | null; attendeeIds: string[] } }, ctx: Ctx) => openCouncilMeeting(ctx, args.unitId, args.input),
    closeCouncilMeeting: (_: unknown, { id }: Id, ctx: Ctx) => closeCouncilMeeting(ctx, id),
    saveCouncilRule: (_: unknown, args: { input: CouncilRule }, ctx: Ctx) => saveCouncilRule(ctx, args.input),
    setAdHocTimeLimit: (_: unknown, args: { input: { days: number; source: string; verified: boolean } }, ctx: Ctx) => setAdHocTimeLimit(ctx, args.input),
  },
  Council: {
    unit: (unit: UnitRef) => ({ id: unit.id }),
    unitName: (unit: UnitRef) => unit.name,
    members: (unit: UnitRef, _: unknown, ctx: Ctx) => seatsOf(ctx.db, unit.id),
    openMeeting: (unit: UnitRef, _: unknown, ctx: Ctx) => openMeetingOf(ctx.db, unit.id),
    meetings: (unit: UnitRef, args: { first?: number | null }, ctx: Ctx) => meetingsOf(ctx.db, unit.id, Math.min(Math.max(args.first ?? 10, 1), 50)),
    rules: (_: UnitRef, __: unknown, ctx: Ctx) => councilRules(ctx.db),
    mySeat: (unit: UnitRef, _: unknown, ctx: Ctx) => seatOf(ctx.db, ctx.identity, unit.path),
  },
  CouncilMember: {
    member: (seat: CouncilSeatRow) => (seat.memberId ? { id: seat.memberId } : null),
    homeUnit: (seat: CouncilSeatRow) => (seat.homeUnitId ? { id: seat.homeUnitId } : null),
  },
  CouncilMeeting: {
    attendees: (meeting: CouncilMeetingRow, _: unknown, ctx: Ctx) => attendeesOf(ctx.db, meeting.id),
    quorumNeeded: async (meeting: CouncilMeetingRow, _: unknown, ctx: Ctx) => (await meetingQuorum(ctx.db, meeting)).needed,
    quorumMet: async (meeting: CouncilMeetingRow, _: unknown, ctx: Ctx) => (await meetingQuorum(ctx.db, meeting)).met,
  },
  Nomination: {
    councilOutcome: (nomination: NominationRow, _: unknown, ctx: Ctx) => nominationOutcome(ctx.db, nomination, nomination.formCode),
    myConflict: (nomination: NominationRow, _: unknown, ctx: Ctx) => myConflict(ctx, nomination),
  },
};
