/**
 * Cross-province writes through media (issue 13, item 7), on the real gateway, databases and broker: an editor of
 * Khánh Hòa may attach to their stories, and propose as exemplars, only the campaigns, members and units of their
 * part of the union (a national movement covers them; Bắc Ninh's does not). Every attempt on Bắc Ninh's is refused
 * and writes nothing: no story, no subject, no history line, no ExemplarProposed.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl } from '@thidua/common';
import { issueTestToken } from './support/tokens';
import { usePlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

const env = usePlatform();
let admin: string;
let khEditor: string;
let tree: UnionTree;
const campaigns: Record<'bn' | 'kh' | 'national' | 'khDraft', string> = { bn: '', kh: '', national: '', khDraft: '' };
let khStory: string;
const year = new Date().getUTCFullYear();

const CREATE_STORY = `mutation($i: StoryInput!) { createStory(input: $i) { id campaign { id } members { id } units { id } } }`;
const UPDATE_STORY = `mutation($id: ID!, $i: StoryInput!) { updateStory(id: $id, input: $i) { id } }`;
const PROPOSE = `mutation($i: ExemplarProposalInput!) { proposeExemplar(input: $i) }`;

async function campaign(unit: string, title: string, launch = true): Promise<string> {
  const { id } = (await env.api.ok(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
    i: { launchingUnitId: tree.units[unit]!.id, title: `${title} ${tree.run}`, goal: 'Năng suất, chất lượng', category: 'FOR_WORKERS', startsOn: `${year}-01-01`, endsOn: `${year + 1}-12-31`,
      targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 10, direction: 'HIGHER_IS_BETTER', weight: 100 }] },
  }, admin)).createCampaign;
  if (launch) await env.api.ok(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id }, admin);
  return id;
}

/** What the attempts could have written in media: the editor's stories, their subjects and history, proposals. */
async function mediaSnapshot(): Promise<Record<string, unknown>> {
  const db = new Client({ connectionString: databaseUrl('media') });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM stories WHERE created_by = 'kh-editor') AS stories,
              (SELECT count(*)::int FROM story_subjects j JOIN stories s ON s.id = j.story_id WHERE s.created_by = 'kh-editor') AS subjects,
              (SELECT string_agg(coalesce(campaign_id::text, '-'), ',' ORDER BY id) FROM stories WHERE created_by = 'kh-editor') AS campaigns,
              (SELECT count(*)::int FROM story_history h JOIN stories s ON s.id = h.story_id WHERE s.created_by = 'kh-editor') AS history,
              (SELECT count(*)::int FROM outbox WHERE event_type = 'ExemplarProposed') AS proposals`,
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
  tree = await buildUnionTree(env.api, admin, {
    units: {
      ...TWO_PROVINCES,
      bnMay: { parent: 'bn', name: 'Công đoàn Công ty May Bắc Ninh', level: 'GRASSROOTS', organisationType: 'PRIVATE_ENTERPRISE' },
      khCang: { parent: 'kh', name: 'Công đoàn Cảng Cam Ranh', level: 'GRASSROOTS', organisationType: 'STATE_OWNED_ENTERPRISE' },
    },
    members: {
      bnWorker: { unit: 'bnMay', fullName: 'Nguyễn Thị Lan', occupationCode: 'CN_DET_MAY', direct: true },
      khWorker: { unit: 'khCang', fullName: 'Trần Văn Biển', occupationCode: 'CN_DET_MAY', direct: true },
    },
  });
  campaigns.bn = await campaign('bn', 'Thi đua Bắc Ninh');
  campaigns.kh = await campaign('kh', 'Thi đua Khánh Hòa');
  campaigns.national = await campaign('vn', 'Thi đua toàn quốc');
  campaigns.khDraft = await campaign('kh', 'Bản nháp Khánh Hòa', false);
  await eventuallyCounted('media', 'campaign_refs WHERE id = ANY($1::uuid[])', [[campaigns.bn, campaigns.kh, campaigns.national]], 3, 'the launched campaigns in media');
  await eventuallyCounted('media', 'member_refs WHERE id = ANY($1::uuid[])', [[tree.members.bnWorker, tree.members.khWorker]], 2, 'the members in media');
  await eventuallyCounted('media', 'unit_refs WHERE id = ANY($1::uuid[])', [[tree.units.bnMay!.id, tree.units.khCang!.id]], 2, 'the units in media');
  khEditor = await issueTestToken({ sub: 'kh-editor', name: 'Biên tập viên Khánh Hòa', roles: ['EDITOR'], unitPath: tree.units.kh!.path });
  khStory = (await env.api.ok(CREATE_STORY, { i: { kind: 'EXEMPLAR', title: 'Người thợ cảng', unitPath: tree.units.kh!.path, memberIds: [tree.members.khWorker] } }, khEditor)).createStory.id;
});

describe('references a Khánh Hòa editor may make', () => {
  it('are their own province’s campaigns, members and units, and the national movement that covers them', async () => {
    const { createStory } = await env.api.ok(CREATE_STORY, {
      i: { kind: 'GOOD_PRACTICE', title: 'Cách làm hay ở cảng', campaignId: campaigns.national, memberIds: [tree.members.khWorker], unitIds: [tree.units.khCang!.id] },
    }, khEditor);
    expect(createStory).toMatchObject({ campaign: { id: campaigns.national }, members: [{ id: tree.members.khWorker }], units: [{ id: tree.units.khCang!.id }] });
    await env.api.ok(UPDATE_STORY, { id: createStory.id, i: { kind: 'GOOD_PRACTICE', title: 'Cách làm hay ở cảng Cam Ranh', campaignId: campaigns.kh } }, khEditor);
    expect(typeof (await env.api.ok(PROPOSE, { i: { storyId: khStory, memberId: tree.members.khWorker, achievement: 'Mười năm không để xảy ra tai nạn lao động', achievedOn: '2026-01-05', formCode: 'BK_TINH' } }, khEditor)).proposeExemplar).toBe('string');
  });
});

describe('references to another province', () => {
  it('are refused on every write, naming no one, and change nothing in media', async () => {
    const before = await mediaSnapshot();
    const bn = { campaignId: campaigns.bn, memberIds: [tree.members.bnWorker], unitIds: [tree.units.bnMay!.id] };
    const story = (refs: Record<string, unknown>) => ({ kind: 'EXEMPLAR', title: 'Bài của Khánh Hòa', unitPath: tree.units.kh!.path, ...refs });
    const attempts: [string, string, Record<string, unknown>][] = [
      ['create with a Bắc Ninh campaign', CREATE_STORY, { i: story({ campaignId: bn.campaignId }) }],
      ['create with a Bắc Ninh member', CREATE_STORY, { i: story({ memberIds: bn.memberIds }) }],
      ['create with a Bắc Ninh unit', CREATE_STORY, { i: story({ unitIds: bn.unitIds }) }],
      ['create with one own and one Bắc Ninh member', CREATE_STORY, { i: story({ memberIds: [tree.members.khWorker, tree.members.bnWorker] }) }],
      ['edit to a Bắc Ninh campaign', UPDATE_STORY, { id: khStory, i: story({ campaignId: bn.campaignId }) }],
      ['edit to a Bắc Ninh member', UPDATE_STORY, { id: khStory, i: story({ memberIds: bn.memberIds }) }],
      ['edit to a Bắc Ninh unit', UPDATE_STORY, { id: khStory, i: story({ unitIds: bn.unitIds }) }],
      ['propose a Bắc Ninh member from an own story', PROPOSE, { i: { storyId: khStory, memberId: tree.members.bnWorker, achievement: 'Đề xuất người của tỉnh khác', achievedOn: '2026-01-05', formCode: 'BK_TINH' } }],
      ['propose a Bắc Ninh unit from an own story', PROPOSE, { i: { storyId: khStory, unitId: tree.units.bnMay!.id, achievement: 'Đề xuất tập thể của tỉnh khác', achievedOn: '2026-01-05', formCode: 'BK_TINH' } }],
    ];
    for (const [what, query, variables] of attempts) {
      const refusal = await env.api.refused(query, variables, khEditor);
      expect([what, refusal.code]).toEqual([what, 'FORBIDDEN']);
      expect(refusal.message).not.toMatch(/Nguyễn Thị Lan|Bắc Ninh/);
    }
    expect(await mediaSnapshot()).toEqual(before);
  });

  it('unknown ids and campaigns not launched are input to fix, and write nothing either', async () => {
    const before = await mediaSnapshot();
    const draft = await env.api.refused(CREATE_STORY, { i: { kind: 'CAMPAIGN_NEWS', title: 'Tin phong trào', campaignId: campaigns.khDraft } }, khEditor);
    expect([draft.code, draft.problems.map((p) => p.field)]).toEqual(['BAD_USER_INPUT', ['campaignId']]);
    const unknown = await env.api.refused(CREATE_STORY, { i: { kind: 'EXEMPLAR', title: 'Người lạ', memberIds: [tree.members.khWorker, randomUUID()] } }, khEditor);
    expect([unknown.code, unknown.problems.map((p) => p.field)]).toEqual(['BAD_USER_INPUT', ['memberIds.1']]);
    expect(await mediaSnapshot()).toEqual(before);
  });
});
