import { ForbiddenError, UnavailableError, isUuid, scalarResolvers, type GraphQLResolverMap, type PageRequest } from '@thidua/common';
import { addAsset } from '../application/assets';
import { newsChannels, registerNewsChannel, revokeNewsChannel } from '../application/channels';
import { channelDeliveries, channelWebhook, setChannelWebhook } from '../application/webhooks';
import type { MediaContext } from '../application/context';
import { assetUrl, sectionFeedUrl, storyUrl } from '../application/links';
import { allSections, createSection, provinceStories, sectionBySlug, sectionStories } from '../application/sections';
import {
  createStory,
  ownedStories,
  proposeExemplar,
  searchStories,
  storyCandidates,
  storyHistory,
  syndicatedStories,
  transitionStory,
  updateStory,
  visibleStory,
  type ExemplarProposalInput,
  type StoryInput,
  type SyndicationFilter,
} from '../application/stories';
import { showsWholeStory, type StoryAction } from '../domain/stories';
import type { AssetRow, SectionRow, StoryRow, WebhookRow } from '../entities';

type Ctx = MediaContext;
type Id = { id: string };
/** A person a story is about, with the name the story may show (`named`: published, or the caller edits it). */
type StorySubject = Id & { name: string | null; named: boolean };

export const resolvers: GraphQLResolverMap<Ctx> = {
  ...scalarResolvers,
  Query: {
    story: (_: unknown, { id }: Id, ctx: Ctx) => (isUuid(id) ? visibleStory(ctx, id) : null),
    storyCandidates: (_: unknown, args: PageRequest, ctx: Ctx) => storyCandidates(ctx, args),
    searchStories: (_: unknown, args: PageRequest & { text: string }, ctx: Ctx) => searchStories(ctx, args.text, args),
    sections: (_: unknown, __: unknown, ctx: Ctx) => allSections(ctx.db),
    section: (_: unknown, { slug }: { slug: string }, ctx: Ctx) => sectionBySlug(ctx.db, slug),
    provinceStories: (_: unknown, args: PageRequest & { provinceCode: string }, ctx: Ctx) => provinceStories(ctx, args.provinceCode, args),
    syndicatedStories: (_: unknown, args: PageRequest & { filter?: SyndicationFilter | null; updatedSince?: Date | null }, ctx: Ctx) =>
      syndicatedStories(ctx, args.filter ?? {}, args.updatedSince ?? null, args),
    newsChannels: (_: unknown, __: unknown, ctx: Ctx) => newsChannels(ctx),
  },
  Mutation: {
    createStory: (_: unknown, { input }: { input: StoryInput }, ctx: Ctx) => createStory(ctx, input),
    updateStory: (_: unknown, { id, input }: Id & { input: StoryInput }, ctx: Ctx) => updateStory(ctx, id, input),
    transitionStory: (_: unknown, args: Id & { action: StoryAction; note?: string | null }, ctx: Ctx) => transitionStory(ctx, args.id, args.action, args.note ?? null),
    addAsset: (_: unknown, args: { storyId: string; input: Parameters<typeof addAsset>[2] }, ctx: Ctx) => addAsset(ctx, args.storyId, args.input),
    createSection: (_: unknown, { input }: { input: Parameters<typeof createSection>[1] }, ctx: Ctx) => createSection(ctx, input),
    proposeExemplar: (_: unknown, { input }: { input: ExemplarProposalInput & { storyId: string } }, ctx: Ctx) =>
      proposeExemplar(ctx, input.storyId, input),
    registerNewsChannel: (_: unknown, args: { name: string; contactEmail: string }, ctx: Ctx) => registerNewsChannel(ctx, args.name, args.contactEmail),
    revokeNewsChannel: (_: unknown, { id }: Id, ctx: Ctx) => revokeNewsChannel(ctx, id),
    setNewsChannelWebhook: (_: unknown, args: { channelId: string; url: string }, ctx: Ctx) => setChannelWebhook(ctx, args.channelId, args.url),
  },
  Story: {
    bodyHtml: (story: StoryRow, _: unknown, ctx: Ctx) => (showsWholeStory(ctx.identity, story) ? story.bodyHtml : null),
    subjectIsDirectProductionWorker: (story: StoryRow) => story.subjectIsDirectWorker,
    campaign: (story: StoryRow) => (story.campaignId ? { id: story.campaignId } : null),
    // the names come with the story (Member.fullName is provided here); the rest of a member is campaign's to guard
    members: async (story: StoryRow, _: unknown, ctx: Ctx): Promise<StorySubject[]> => {
      const named = showsWholeStory(ctx.identity, story);
      return (await ctx.loaders.subjects.load(story.id)).flatMap((s) => (s.memberId ? [{ id: s.memberId, name: s.memberName, named }] : []));
    },
    units: async (story: StoryRow, _: unknown, ctx: Ctx) => (await ctx.loaders.subjects.load(story.id)).filter((s) => s.unitId).map((s) => ({ id: s.unitId })),
    assets: (story: StoryRow, _: unknown, ctx: Ctx) => ctx.loaders.assets.load(story.id),
    url: (story: StoryRow) => storyUrl(story.id),
    history: (story: StoryRow, _: unknown, ctx: Ctx) => storyHistory(ctx, story),
  },
  // reached only through newsChannels and setNewsChannelWebhook, both for national admins: a handful of channels
  NewsChannel: {
    webhook: (channel: Id, _: unknown, ctx: Ctx) => channelWebhook(ctx.db, channel.id),
  },
  NewsChannelWebhook: {
    deliveries: (webhook: WebhookRow, { first }: { first?: number | null }, ctx: Ctx) => channelDeliveries(ctx.db, webhook.channelId, first ?? 20),
  },
  Asset: {
    url: (asset: AssetRow) => assetUrl(asset.id),
  },
  Section: {
    stories: (section: SectionRow, args: PageRequest, ctx: Ctx) => sectionStories(ctx, section, args),
    feeds: (section: SectionRow) => ({
      rss: sectionFeedUrl(section.slug, 'rss'),
      atom: sectionFeedUrl(section.slug, 'atom'),
      json: sectionFeedUrl(section.slug, 'json'),
    }),
  },
  Campaign: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    stories: (campaign: Id, args: PageRequest, ctx: Ctx) => ownedStories(ctx, 'campaign', campaign.id, args),
  },
  Member: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    fullName: (member: StorySubject) => {
      if (!member.named) throw new ForbiddenError('Tên người trong tin bài đã gỡ không còn công khai.', { field: 'fullName' });
      if (member.name === null) throw new UnavailableError('Tên đoàn viên chưa được đồng bộ sang tin bài; thử lại sau ít phút.', { retryable: true });
      return member.name;
    },
    stories: (member: Id, args: PageRequest, ctx: Ctx) => ownedStories(ctx, 'member', member.id, args),
  },
  UnionUnit: {
    __resolveReference: (ref: Id) => ({ id: ref.id }),
    stories: (unit: Id, args: PageRequest, ctx: Ctx) => ownedStories(ctx, 'unit', unit.id, args),
  },
};

