/**
 * The media subgraph through the real gateway, with events over the real broker: candidates made by
 * CampaignLaunched, CampaignClosed and RewardGranted, the editorial workflow, safe HTML, Vietnamese search,
 * sections and their feeds (parsed with a feed parser), assets, discovery to a nomination in reward, news
 * channels' API keys (missing, wrong, revoked, rate limited) and who may do what.
 */
import { randomUUID } from 'node:crypto';
import Parser from 'rss-parser';
import { SERVICE_NAMES, createProducer, eventsTopic, type EventEnvelope, type Role, type ServiceName } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { startGateway } from '../gateway/src/gateway';
import { Api } from './support/api';
import { eventually, graphql } from './support/graphql';
import { feedProblems } from './support/feeds';
import { testKafka } from './support/kafka';
import { startTestPlatform, type TestPlatform } from './support/platform';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

let platform: TestPlatform;
let api: Api;
let admin: string;
let editor: string;
let otherEditor: string;
let officer: string;
const run = Date.now().toString(36);
const year = new Date().getUTCFullYear();
let units: UnionTree['units'];
let nhung: string;
let campaignId: string;
const base = () => platform.gatewayUrl.replace(/\/graphql$/, '');

const token = (roles: Role[], unitPath: string | null, sub: string) => issueTestToken({ sub, name: sub, roles, unitPath });
const STORY = `query($id: ID!) { story(id: $id) { id status title bodyHtml retractionReason rewardDecision { decisionNumber formName amountVnd } members { id } } }`;
const TRANSITION = `mutation($id: ID!, $action: StoryAction!, $note: String) { transitionStory(id: $id, action: $action, note: $note) { status } }`;
const CANDIDATES = `{ storyCandidates(first: 100) { edges { node { id kind title campaign { id } } } } }`;

async function candidates(kind: string, match: (node: any) => boolean): Promise<any> {
  return eventually(async () => {
    const result = await api.ok(CANDIDATES, {}, editor);
    return result.storyCandidates.edges.map((e: any) => e.node).find((n: any) => n.kind === kind && match(n)) ?? null;
  }, 30000, `a ${kind} candidate`);
}

async function publishedStory(input: Record<string, unknown>): Promise<string> {
  const id = (await api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, { input }, editor)).createStory.id;
  await api.ok(TRANSITION, { id, action: 'SUBMIT_FOR_REVIEW' }, editor);
  await api.ok(TRANSITION, { id, action: 'PUBLISH' }, editor);
  return id;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  api = new Api(platform.gatewayUrl);
  admin = await platform.token(['NATIONAL_ADMIN'], '/');
  const tree = await buildUnionTree(api, admin, {
    units: {
      ...TWO_PROVINCES,
      may: { parent: 'bn', name: 'Công đoàn Công ty May Bắc Giang', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' },
    },
    members: { nhung: { unit: 'may', fullName: 'Nguyễn Thị Hồng Nhung', occupationCode: 'CN_DET_MAY', direct: true } },
  }, run);
  units = tree.units;
  nhung = tree.members.nhung!;
  editor = await token(['EDITOR'], units.bn!.path, 'editor-bn');
  otherEditor = await token(['EDITOR'], units.kh!.path, 'editor-kh');
  officer = await token(['UNIT_OFFICER'], units.bn!.path, 'officer-bn');
  campaignId = (await api.ok(`mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id targets { id } } }`, {
    input: {
      launchingUnitId: units.bn!.id,
      title: `Giỏi việc nước, đảm việc nhà ${run}`,
      goal: 'Tôn vinh nữ công nhân',
      category: 'FOR_WORKERS',
      startsOn: `${year}-01-01`,
      endsOn: `${year + 1}-12-31`,
      targets: [{ name: 'Nữ công nhân đạt danh hiệu', unitOfMeasure: 'người', targetValue: 100, direction: 'HIGHER_IS_BETTER', weight: 100 }],
    },
  }, officer)).createCampaign.id;
  await api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, officer);
});

afterAll(async () => {
  await platform?.stop();
});

describe('candidates made by events', () => {
  it('turns a launched campaign into a campaign-news candidate, for editors only', async () => {
    const candidate = await candidates('CAMPAIGN_NEWS', (n) => n.campaign?.id === campaignId);
    expect(candidate.title).toBe(`Phát động phong trào thi đua “Giỏi việc nước, đảm việc nhà ${run}”`);
    expect((await api.ok(STORY, { id: candidate.id })).story).toBeNull();
    expect((await api.ok(STORY, { id: candidate.id }, otherEditor)).story).toBeNull();
  });

  it('turns a closed campaign into a summary candidate', async () => {
    const targets = (await api.ok(`query($id: ID!) { campaign(id: $id) { targets { id } } }`, { id: campaignId })).campaign.targets;
    await api.ok(`mutation($id: ID!) { beginCampaignSummary(id: $id) { status } }`, { id: campaignId }, officer);
    await api.ok(`mutation($id: ID!, $s: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $s) { status } }`, {
      id: campaignId,
      s: { results: [{ targetId: targets[0].id, achievedValue: 120 }], lessons: 'Phát huy vai trò nữ công nhân trong sản xuất', exemplars: [] },
    }, officer);
    await api.ok(`mutation($id: ID!) { closeCampaign(id: $id) { status } }`, { id: campaignId }, officer);
    const candidate = await candidates('CAMPAIGN_SUMMARY', (n) => n.campaign?.id === campaignId);
    expect(candidate.title).toBe(`Tổng kết phong trào thi đua “Giỏi việc nước, đảm việc nhà ${run}”`);
  });

  it('turns a reward decision into an exemplar candidate with the decision attached, once', async () => {
    const decisionId = randomUUID();
    const event: EventEnvelope<'RewardGranted'> = {
      id: randomUUID(),
      type: 'RewardGranted',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'reward',
      aggregateId: decisionId,
      unitPath: units.may!.path,
      correlationId: `media-test-${run}`,
      causationId: null,
      payload: {
        decisionId,
        decisionNumber: `125/QĐ-LĐLĐ-${run}`,
        decidedOn: `${year}-05-01`,
        signerRole: 'Chủ tịch LĐLĐ tỉnh',
        formCode: 'BK_TINH',
        formName: 'Bằng khen của Liên đoàn Lao động tỉnh',
        subject: { memberId: nhung, unitId: units.may!.id, unitPath: units.may!.path, name: 'Nguyễn Thị Hồng Nhung', isDirectProductionWorker: true, occupationCode: 'CN_DET_MAY', provinceCode: 'BN' },
        campaignId: null,
        amountVnd: 3510000,
        reason: 'Có 5 sáng kiến cải tiến dây chuyền may',
        adHoc: false,
      },
    };
    const producer = createProducer(testKafka('media-reward'));
    await producer.connect();
    const message = { key: decisionId, value: JSON.stringify(event) };
    await producer.send({ topic: eventsTopic('reward', process.env.KAFKA_TOPIC_PREFIX ?? ''), messages: [message, message] });
    await producer.disconnect();
    const candidate = await candidates('EXEMPLAR', (n) => n.title.startsWith('Nguyễn Thị Hồng Nhung'));
    const story = (await api.ok(STORY, { id: candidate.id }, editor)).story;
    expect(story).toMatchObject({
      status: 'CANDIDATE',
      title: 'Nguyễn Thị Hồng Nhung: Bằng khen của Liên đoàn Lao động tỉnh',
      rewardDecision: { decisionNumber: `125/QĐ-LĐLĐ-${run}`, formName: 'Bằng khen của Liên đoàn Lao động tỉnh', amountVnd: 3510000 },
      members: [{ id: nhung }],
    });
    const all = (await api.ok(CANDIDATES, {}, editor)).storyCandidates.edges.filter((e: any) => e.node.title.startsWith('Nguyễn Thị Hồng Nhung'));
    expect(all).toHaveLength(1);
  });
});

describe('the editorial workflow', () => {
  let storyId: string;

  it('takes a candidate, keeps only safe HTML, and freezes content in review', async () => {
    const candidate = await candidates('EXEMPLAR', (n) => n.title.startsWith('Nguyễn Thị Hồng Nhung'));
    storyId = candidate.id;
    await api.ok(TRANSITION, { id: storyId, action: 'TAKE' }, editor);
    const body = '<p>Chị <strong>Nhung</strong> <img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">xem</a></p><script>alert(3)</script><iframe src="https://evil.example"></iframe>';
    const updated = await api.ok(`mutation($id: ID!, $input: StoryInput!) { updateStory(id: $id, input: $input) { bodyHtml } }`, {
      id: storyId,
      input: { kind: 'EXEMPLAR', title: 'Nữ công nhân may với 5 sáng kiến', body, bodyFormat: 'HTML', tags: ['dệt may'], provinceCode: 'BN', subjectIsDirectProductionWorker: true, memberIds: [nhung] },
    }, editor);
    const html = updated.updateStory.bodyHtml as string;
    expect(html).toContain('<strong>Nhung</strong>');
    for (const unsafe of ['<script', 'onerror', 'javascript:', '<iframe']) expect(html).not.toContain(unsafe);
    await api.ok(TRANSITION, { id: storyId, action: 'SUBMIT_FOR_REVIEW' }, editor);
    expect((await api.refused(`mutation($id: ID!, $input: StoryInput!) { updateStory(id: $id, input: $input) { id } }`, { id: storyId, input: { kind: 'EXEMPLAR', title: 'Sửa khi đang duyệt' } }, editor)).code).toBe('CONFLICT');
  });

  it('publishes, refuses transitions that do not exist, and retracts with a reason kept and shown', async () => {
    expect((await api.refused(TRANSITION, { id: storyId, action: 'TAKE' }, editor)).code).toBe('CONFLICT');
    expect((await api.refused(TRANSITION, { id: storyId, action: 'PUBLISH' }, otherEditor)).code).toBe('FORBIDDEN');
    expect((await api.ok(TRANSITION, { id: storyId, action: 'PUBLISH' }, editor)).transitionStory.status).toBe('PUBLISHED');
    expect((await api.ok(STORY, { id: storyId })).story.bodyHtml).toContain('Nhung');
    expect((await api.refused(TRANSITION, { id: storyId, action: 'PUBLISH' }, editor)).code).toBe('CONFLICT');
    expect((await api.refused(TRANSITION, { id: storyId, action: 'RETRACT' }, editor)).code).toBe('BAD_USER_INPUT');
    await api.ok(TRANSITION, { id: storyId, action: 'RETRACT', note: 'Sai tên đơn vị, sẽ đăng lại' }, editor);
    expect((await api.ok(STORY, { id: storyId })).story).toMatchObject({ status: 'RETRACTED', bodyHtml: null, retractionReason: 'Sai tên đơn vị, sẽ đăng lại' });
    const history = (await api.ok(`query($id: ID!) { story(id: $id) { history { action actor fromStatus toStatus note } } }`, { id: storyId }, editor)).story.history;
    expect(history.map((h: any) => h.action)).toEqual(['EVENT RewardGranted', 'TAKE', 'EDIT', 'SUBMIT_FOR_REVIEW', 'PUBLISH', 'RETRACT']);
    expect(history.at(-1)).toMatchObject({ actor: 'editor-bn', note: 'Sai tên đơn vị, sẽ đăng lại' });
  });

  it('lets only editors write, with clear errors for bad input', async () => {
    const CREATE = `mutation($input: StoryInput!) { createStory(input: $input) { id } }`;
    expect((await api.refused(CREATE, { input: { kind: 'GOOD_DEED', title: 'Người tốt việc tốt' } }, officer)).code).toBe('FORBIDDEN');
    expect((await api.refused(CREATE, { input: { kind: 'GOOD_DEED', title: 'Người tốt việc tốt' } })).code).toBe('UNAUTHENTICATED');
    const bad = await api.refused(CREATE, { input: { kind: 'GOOD_DEED', title: 'Ngắn', tags: [''] } }, editor);
    expect(bad.problems.map((p) => p.field)).toEqual(['title', 'tags']);
    expect((await api.refused(CREATE, { input: { kind: 'GOOD_DEED', title: 'Ngoài phạm vi biên tập', unitPath: units.kh!.path } }, editor)).code).toBe('FORBIDDEN');
  });
});

describe('search, sections, feeds, assets', () => {
  let exemplar: string;
  let assetId: string;

  beforeAll(async () => {
    await api.ok(`mutation($input: SectionInput!) { createSection(input: $input) { id } }`, {
      // the run's own tag: other suites publish exemplars into the same databases
      input: { slug: `guong-dien-hinh-${run}`, name: 'Gương điển hình tiên tiến', filter: { kinds: ['EXEMPLAR'], tags: [`bai-${run}`] } },
    }, editor);
    const draft = (await api.ok(`mutation($input: StoryInput!) { createStory(input: $input) { id } }`, {
      input: { kind: 'EXEMPLAR', title: `Người thợ may giỏi ở Bắc Giang ${run}`, summary: 'Hai mươi năm gắn bó với chiếc máy may', body: '**Chị Hoa** làm việc tại _May Bắc Giang_.', provinceCode: 'BN', memberIds: [nhung], tags: [`bai-${run}`] },
    }, editor)).createStory.id;
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    assetId = (await api.ok(`mutation($id: ID!, $input: AssetInput!) { addAsset(storyId: $id, input: $input) { id sha256 } }`, {
      id: draft,
      input: { fileName: 'chi-hoa.png', mimeType: 'image/png', contentBase64: png.toString('base64'), altText: 'Chị Hoa bên máy may' },
    }, editor)).addAsset.id;
    expect((await fetch(`${base()}/assets/${assetId}`)).status).toBe(404);
    await api.ok(TRANSITION, { id: draft, action: 'SUBMIT_FOR_REVIEW' }, editor);
    await api.ok(TRANSITION, { id: draft, action: 'PUBLISH' }, editor);
    exemplar = draft;
    await publishedStory({ kind: 'GOOD_PRACTICE', title: `Cách làm hay về an toàn lao động ${run}`, body: 'Học tập kinh nghiệm của thợ may Bắc Giang.', provinceCode: 'BN' });
  });

  it('finds stories with or without diacritics, title matches first', async () => {
    for (const text of [`Bắc Giang ${run}`, `bac giang ${run}`, `THO MAY ${run}`]) {
      const found = (await api.ok(`query($t: String!) { searchStories(text: $t) { edges { node { id } } } }`, { t: text })).searchStories.edges.map((e: any) => e.node.id);
      expect(found[0]).toBe(exemplar);
    }
    const both = (await api.ok(`query($t: String!) { searchStories(text: $t) { edges { node { id kind } } } }`, { t: 'bac giang' })).searchStories.edges.map((e: any) => e.node);
    expect(both.findIndex((n: any) => n.id === exemplar)).toBeLessThan(both.findIndex((n: any) => n.kind === 'GOOD_PRACTICE'));
    expect((await api.refused(`{ searchStories(text: "  ") { edges { node { id } } } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('serves valid RSS, Atom and JSON feeds per section and province through the gateway', async () => {
    const parser = new Parser();
    const rssResponse = await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.rss`);
    expect(rssResponse.headers.get('content-type')).toContain('application/rss+xml');
    const rss = await parser.parseString(await rssResponse.text());
    expect(rss.title).toBe('Gương điển hình tiên tiến');
    expect(rss.items.map((i) => i.guid)).toEqual([`urn:uuid:${exemplar}`]);
    expect(new Date(rss.items[0]!.pubDate!).getTime()).toBeGreaterThan(Date.now() - 600_000);
    const atom = await parser.parseString(await (await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.atom`)).text());
    expect(atom.items[0]).toMatchObject({ title: `Người thợ may giỏi ở Bắc Giang ${run}`, id: `urn:uuid:${exemplar}` });
    const json = (await (await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.json`)).json()) as any;
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items[0]).toMatchObject({ id: `urn:uuid:${exemplar}`, title: `Người thợ may giỏi ở Bắc Giang ${run}` });
    expect(json.items[0].content_html).toContain('<strong>Chị Hoa</strong>');
    const province = await parser.parseString(await (await fetch(`${base()}/feeds/provinces/BN.rss`)).text());
    expect(province.items.map((i) => i.guid)).toEqual(expect.arrayContaining([`urn:uuid:${exemplar}`]));
    expect((await fetch(`${base()}/feeds/sections/khong-co.rss`)).status).toBe(404);
  });

  it('meets each format’s rules (RSS 2.0, Atom per RFC 4287, JSON Feed 1.1), with an author, a description and Vietnamese categories', async () => {
    const feeds = [`/feeds/sections/guong-dien-hinh-${run}`, '/feeds/provinces/BN'];
    for (const feed of feeds) {
      for (const format of ['rss', 'atom', 'json'] as const) {
        const body = await (await fetch(`${base()}${feed}.${format}`)).text();
        expect([feed, format, await feedProblems(format, body)]).toEqual([feed, format, []]);
      }
    }
    const parser = new Parser<{ description: string }, { categories: string[] }>();
    const rss = await parser.parseString(await (await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.rss`)).text());
    expect(rss.description).toBe('Tin bài chuyên mục «Gương điển hình tiên tiến» trên cổng Thi Đua của Công đoàn Việt Nam.');
    expect(rss.items[0]!.categories).toEqual(['Gương điển hình tiên tiến', `bai-${run}`]);
    const province = await parser.parseString(await (await fetch(`${base()}/feeds/provinces/BN.rss`)).text());
    expect([province.title, province.description]).toEqual(['Tin bài – tỉnh Bắc Ninh', expect.stringContaining('của tỉnh Bắc Ninh')]);
    const atom = await (await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.atom`)).text();
    expect(atom).toMatch(/<author>\s*<name>Tổng Liên đoàn Lao động Việt Nam<\/name>/);
    expect(atom).toContain('<category label="Gương điển hình tiên tiến" term="Gương điển hình tiên tiến"/>');
    expect(atom).not.toMatch(/EXEMPLAR/);
    const json = (await (await fetch(`${base()}/feeds/sections/guong-dien-hinh-${run}.json`)).json()) as { authors: { name: string }[]; items: { tags: string[] }[] };
    expect([json.authors[0]!.name, json.items[0]!.tags]).toEqual(['Tổng Liên đoàn Lao động Việt Nam', ['Gương điển hình tiên tiến', `bai-${run}`]]);
  });

  it('serves a published story’s assets and resolves stories on members through the federation', async () => {
    const asset = await fetch(`${base()}/assets/${assetId}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('image/png');
    const result = await api.ok(`query($id: ID!) { member(id: $id) { fullName stories { edges { node { id assets { url altText } } } } } }`, { id: nhung }, officer);
    const node = result.member.stories.edges.find((e: any) => e.node.id === exemplar).node;
    expect(node.assets).toEqual([{ url: `http://127.0.0.1:4000/assets/${assetId}`, altText: 'Chị Hoa bên máy may' }]);
  });

  it('turns a discovery into a nomination in reward (ExemplarProposed → NominationCreated)', async () => {
    const PROPOSE = `mutation($input: ExemplarProposalInput!) { proposeExemplar(input: $input) }`;
    expect((await api.refused(PROPOSE, { input: { storyId: exemplar, memberId: nhung, achievement: 'ngắn', achievedOn: '2026-01-05', formCode: 'BK_TINH' } }, editor)).code).toBe('BAD_USER_INPUT');
    await api.ok(PROPOSE, { input: { storyId: exemplar, memberId: nhung, achievement: 'Hai mươi năm gắn bó, 5 sáng kiến cải tiến', achievedOn: '2026-01-05', formCode: 'BK_TINH' } }, editor);
    const nomination = await eventually(async () => {
      const result = await api.ok(`{ nominations(first: 50) { edges { node { source status subjectName reason isDirectProductionWorker member { id } } } } }`, {}, admin);
      return result.nominations.edges.map((e: any) => e.node).find((n: any) => n.reason === 'Hai mươi năm gắn bó, 5 sáng kiến cải tiến') ?? null;
    }, 30000, 'the nomination in reward');
    expect(nomination).toEqual({ source: 'MEDIA_DISCOVERY', status: 'OPEN', subjectName: 'Nguyễn Thị Hồng Nhung', reason: 'Hai mươi năm gắn bó, 5 sáng kiến cải tiến', isDirectProductionWorker: true, member: { id: nhung } });
    expect((await api.refused(`{ nominations { edges { node { id } } } }`, {}, editor)).code).toBe('FORBIDDEN');
  });
});

describe('the people of a story', () => {
  const PEOPLE = `query($id: ID!) { story(id: $id) { title members { id fullName } } }`;
  const PERSONAL = `query($id: ID!) { story(id: $id) { title members { fullName occupation { name } isDirectProductionWorker } } }`;
  let published: string;
  let retracted: string;

  beforeAll(async () => {
    published = await publishedStory({ kind: 'GOOD_DEED', title: `Nữ công nhân trả lại ví ${run}`, provinceCode: 'BN', memberIds: [nhung] });
    retracted = await publishedStory({ kind: 'GOOD_DEED', title: `Bài sẽ gỡ ${run}`, provinceCode: 'BN', memberIds: [nhung] });
    await api.ok(TRANSITION, { id: retracted, action: 'RETRACT', note: 'Nhầm người trong ảnh' }, editor);
  });

  it('names the people of a published story to anyone, with nothing else about them', async () => {
    expect(await graphql(platform.gatewayUrl, PEOPLE, { id: published })).toMatchObject({
      data: { story: { title: `Nữ công nhân trả lại ví ${run}`, members: [{ id: nhung, fullName: 'Nguyễn Thị Hồng Nhung' }] } },
    });
    expect((await graphql(platform.gatewayUrl, PEOPLE, { id: published })).errors).toBeUndefined();
    expect((await api.ok(`query($id: ID!) { member(id: $id) { fullName } }`, { id: nhung })).member).toBeNull();
  });

  it('answers a field the caller may not see with null and FORBIDDEN at its own path, never the whole story', async () => {
    for (const caller of [undefined, editor, otherEditor]) {
      const result = await graphql<any>(platform.gatewayUrl, PERSONAL, { id: published }, caller);
      expect(result.data.story).toEqual({ title: `Nữ công nhân trả lại ví ${run}`, members: [{ fullName: 'Nguyễn Thị Hồng Nhung', occupation: null, isDirectProductionWorker: null }] });
      expect(result.errors!.map((e) => [e.path, e.extensions?.code]).sort()).toEqual([
        [['story', 'members', 0, 'isDirectProductionWorker'], 'FORBIDDEN'],
        [['story', 'members', 0, 'occupation'], 'FORBIDDEN'],
      ]);
      expect(result.errors![0]!.message).toMatch(/của đoàn viên là thông tin cá nhân/);
    }
    const officerView = await api.ok(PERSONAL, { id: published }, officer);
    expect(officerView.story.members).toEqual([{ fullName: 'Nguyễn Thị Hồng Nhung', occupation: { name: expect.any(String) }, isDirectProductionWorker: true }]);
  });

  it('keeps the names of a retracted story from the public, not from its editors', async () => {
    const result = await graphql<any>(platform.gatewayUrl, PEOPLE, { id: retracted });
    expect(result.data.story).toEqual({ title: `Bài sẽ gỡ ${run}`, members: [{ id: nhung, fullName: null }] });
    expect(result.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[['story', 'members', 0, 'fullName'], 'FORBIDDEN']]);
    expect((await api.ok(PEOPLE, { id: retracted }, editor)).story.members).toEqual([{ id: nhung, fullName: 'Nguyễn Thị Hồng Nhung' }]);
  });
});

describe('news channels', () => {
  const SYNC = `query($since: DateTime) { syndicatedStories(updatedSince: $since) { edges { node { id status title } } pageInfo { hasNextPage } } }`;
  let apiKey: string;
  let channelId: string;

  beforeAll(async () => {
    const registration = (await api.ok(`mutation { registerNewsChannel(name: "Báo Lao Động", contactEmail: "toasoan@laodong.vn") { channel { id } apiKey } }`, {}, admin)).registerNewsChannel;
    apiKey = registration.apiKey;
    channelId = registration.channel.id;
  });

  it('syncs published and retracted stories with a key, incrementally', async () => {
    const result = await graphql<any>(platform.gatewayUrl, SYNC, {}, undefined, { 'x-api-key': apiKey });
    expect(result.errors).toBeUndefined();
    const statuses = new Set(result.data.syndicatedStories.edges.map((e: any) => e.node.status));
    expect([...statuses].sort()).toEqual(['PUBLISHED', 'RETRACTED']);
    const later = await graphql<any>(platform.gatewayUrl, SYNC, { since: new Date(Date.now() + 60_000).toISOString() }, undefined, { 'x-api-key': apiKey });
    expect(later.data.syndicatedStories.edges).toEqual([]);
  });

  it('refuses a missing, wrong or revoked key', async () => {
    expect((await api.refused(SYNC)).code).toBe('UNAUTHENTICATED');
    const wrong = await graphql(platform.gatewayUrl, SYNC, {}, undefined, { 'x-api-key': `${apiKey.slice(0, -3)}abc` });
    expect([wrong.status, wrong.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    await api.ok(`mutation($id: ID!) { revokeNewsChannel(id: $id) { revokedAt } }`, { id: channelId }, admin);
    const revoked = await graphql(platform.gatewayUrl, SYNC, {}, undefined, { 'x-api-key': apiKey });
    expect([revoked.status, revoked.errors?.[0]?.message]).toEqual([401, 'Invalid or revoked API key']);
  });

  it('rate limits each key with a clear error', async () => {
    const { apiKey: key } = (await api.ok(`mutation { registerNewsChannel(name: "VTV", contactEmail: "bantin@vtv.vn") { apiKey } }`, {}, admin)).registerNewsChannel;
    const limited = await startGateway({
      port: 0,
      apiKeyCacheSeconds: 0,
      apiKeyRequestsPerMinute: 2,
      subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((name) => [name, platform.subgraphs[name].url])) as Record<ServiceName, string>,
    });
    try {
      for (let i = 0; i < 2; i++) expect((await graphql(limited.url, SYNC, {}, undefined, { 'x-api-key': key })).status).toBe(200);
      const third = await graphql(limited.url, SYNC, {}, undefined, { 'x-api-key': key });
      expect([third.status, third.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
      expect(third.errors?.[0]?.message).toMatch(/giới hạn 2 yêu cầu mỗi phút/);
    } finally {
      await limited.stop();
    }
  });
});
