import { scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import type { NotificationContext } from '../application/context';
import { markAllRead, markRead, myNotifications, requestDailyDigest, requestDeadlineScan, unreadCount } from '../application/inbox';
import { myPreferences, setPreference } from '../application/preferences';
import type { Channels, NotificationKind } from '../domain/kinds';

type Ctx = NotificationContext;

export const resolvers: GraphQLResolverMap<Ctx> = {
  DateTime: scalarResolvers.DateTime,
  Query: {
    myNotifications: (_: unknown, args: PageRequest & { unreadOnly?: boolean | null }, ctx: Ctx) => myNotifications(ctx, args.unreadOnly ?? false, args),
    myUnreadNotificationCount: (_: unknown, __: unknown, ctx: Ctx) => unreadCount(ctx),
    myNotificationPreferences: (_: unknown, __: unknown, ctx: Ctx) => myPreferences(ctx),
  },
  Mutation: {
    markNotificationsRead: (_: unknown, { ids }: { ids: string[] }, ctx: Ctx) => markRead(ctx, ids),
    markAllNotificationsRead: (_: unknown, __: unknown, ctx: Ctx) => markAllRead(ctx),
    setNotificationPreference: (_: unknown, args: { kind: NotificationKind; channels: Omit<Channels, 'digest'> & { digest?: boolean | null } }, ctx: Ctx) =>
      setPreference(ctx, args.kind, { ...args.channels, digest: args.channels.digest ?? false }),
    runDailyDigest: (_: unknown, __: unknown, ctx: Ctx) => requestDailyDigest(ctx),
    runDeadlineScan: (_: unknown, __: unknown, ctx: Ctx) => requestDeadlineScan(ctx),
  },
};
