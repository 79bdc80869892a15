/**
 * Oversized input and events (issue 13, item 5), on the real gateway, PostgreSQL and broker: every string an
 * operation sends has a maximum (the default, or the one declared next to the field) and a longer one is refused at
 * the gateway with BAD_USER_INPUT naming the field, before anything is written; every string of every event schema
 * has a maximum at least as large as the inputs that feed it; and an outbox row the broker refuses for good is
 * parked with the broker's answer while the events after it, of the same aggregate too, still reach the consumers.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { EVENT_SCHEMAS_DIR, TEXT_LIMITS, databaseUrl, eventsTopic } from '@thidua/common';
import { SUPERGRAPH_PATH } from '../gateway/src/gateway';
import { declaredLengths } from '../gateway/src/input-limits';
import { eventually, graphql } from './support/graphql';
import { usePlatform } from './support/platform';
import { eventuallyCounted } from './support/read-models';
import { TWO_PROVINCES, buildUnionTree, type UnionTree } from './support/union-tree';

const env = usePlatform();
let admin: string;
let tree: UnionTree;

beforeAll(async () => {
  admin = await env.platform.token(['NATIONAL_ADMIN'], '/');
  tree = await buildUnionTree(env.api, admin, { units: { ...TWO_PROVINCES } });
});

async function publishedStory(title: string): Promise<string> {
  const id = (await env.api.ok(`mutation($i: StoryInput!) { createStory(input: $i) { id } }`, { i: { kind: 'GOOD_DEED', title, unitPath: tree.units.bn!.path } }, admin)).createStory.id;
  for (const action of ['SUBMIT_FOR_REVIEW', 'PUBLISH']) await env.api.ok(`mutation($id: ID!, $a: StoryAction!) { transitionStory(id: $id, action: $a) { status } }`, { id, a: action }, admin);
  return id;
}

async function mediaRows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const db = new Client({ connectionString: databaseUrl('media') });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows;
  } finally {
    await db.end();
  }
}

describe('strings longer than their maximum', () => {
  const RETRACT = `mutation($id: ID!, $note: String) { transitionStory(id: $id, action: RETRACT, note: $note) { status } }`;

  it('refuses a 1.5 MB note with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const id = await publishedStory('Bài sẽ bị gỡ với lý do rất dài');
    const note = 'Gỡ bài vì thông tin chưa được kiểm chứng. '.repeat(36_000).slice(0, 1_500_000);
    const result = await graphql(env.platform.gatewayUrl, RETRACT, { id, note }, admin);
    expect(result.status).toBe(200);
    expect(result.data).toBeUndefined();
    const error = result.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'note', maxLength: TEXT_LIMITS.paragraph }] });
    expect(error.message).toBe('note: dài 1.500.000 ký tự, vượt giới hạn 5.000 ký tự; hãy rút gọn');
    const [story] = await mediaRows(`SELECT status, retraction_reason FROM stories WHERE id = $1`, [id]);
    expect(story).toEqual({ status: 'PUBLISHED', retraction_reason: null });
    expect(await mediaRows(`SELECT 1 FROM story_history WHERE story_id = $1 AND action = 'RETRACT'`, [id])).toEqual([]);
    // the same refusal in graphql-response+json is a 400, as for any request error
    const strict = await graphql(env.platform.gatewayUrl, RETRACT, { id, note }, admin, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
  });

  it('takes a string at its maximum, counted in characters (an emoji is one), and refuses one more', async () => {
    const id = await publishedStory('Bài gỡ với lý do vừa đúng giới hạn');
    const atLimit = `Lý do 😀${'ệ'.repeat(TEXT_LIMITS.paragraph - 7)}`;
    expect([...atLimit]).toHaveLength(TEXT_LIMITS.paragraph);
    expect((await env.api.refused(RETRACT, { id, note: `${atLimit}ệ` }, admin)).problems).toEqual([expect.objectContaining({ field: 'note' })]);
    expect(await env.api.ok(RETRACT, { id, note: atLimit }, admin)).toEqual({ transitionStory: { status: 'RETRACTED' } });
  });

  it('applies the default maximum to every other string: literals, nested inputs, ids, cursors, JSON and anonymous queries', async () => {
    const long = 'đ'.repeat(TEXT_LIMITS.default + 1);
    const cases: [string, Record<string, unknown>, string | undefined, string][] = [
      // a literal inside an input object
      [`mutation { createStory(input: { kind: GOOD_DEED, title: "${long}" }) { id } }`, {}, admin, 'title'],
      // an element of a list of input objects, by its index
      [`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
        i: { launchingUnitId: tree.units.bn!.id, title: 'Phong trào', category: 'UNION_WORK',
          targets: [{ name: 'Sáng kiến', unitOfMeasure: 'sáng kiến', targetValue: 1, direction: 'HIGHER_IS_BETTER', weight: 50 }, { name: long, unitOfMeasure: 'lần', targetValue: 1, direction: 'HIGHER_IS_BETTER', weight: 50 }] },
      }, admin, 'targets.1.name'],
      // an argument that is not called input, inside an input object
      [`mutation($r: ReviewerInput!) { assignReviewer(submissionId: "${randomUUID()}", reviewer: $r) { id } }`, { r: { subject: long } }, admin, 'reviewer.subject'],
      // ids, cursors and search words of anonymous queries
      [`query($id: ID!) { campaign(id: $id) { id } }`, { id: long }, undefined, 'id'],
      [`query($after: String) { campaigns(first: 5, after: $after) { edges { cursor } } }`, { after: long }, undefined, 'after'],
      [`query($t: String!) { searchStories(text: $t) { edges { cursor } } }`, { t: long }, undefined, 'text'],
      // a JSON scalar counts its JSON
      [`mutation($i: RewardFormInput!) { saveRewardForm(input: $i, note: "thử") { code } }`, {
        i: { code: 'GIAY_KHEN_THU', name: 'Giấy khen', kind: 'COMMENDATION', subjects: ['INDIVIDUAL'], grantingLevels: ['GRASSROOTS'], precedence: 1,
          eligibility: [{ rule: 'x'.repeat(TEXT_LIMITS.document) }], collectiveEligibility: [], source: 'Thử', verified: false, active: false },
      }, admin, 'eligibility'],
    ];
    for (const [query, variables, token, field] of cases) {
      const refusal = await env.api.refused(query, variables, token);
      expect([field, refusal.code, refusal.problems.map((p) => p.field)]).toEqual([field, 'BAD_USER_INPUT', [field]]);
    }
  });

  it('declares larger maxima only with the platform’s sizes, for the free text that needs them', () => {
    const declared = declaredLengths(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const sizes = new Set<number>(Object.values(TEXT_LIMITS));
    for (const [coordinate, n] of declared) expect([coordinate, sizes.has(n)]).toEqual([coordinate, true]);
    expect(declared.get('StoryInput.body')).toBe(TEXT_LIMITS.storyBody);
    expect(declared.get('Mutation.importMembers(csv)')).toBe(TEXT_LIMITS.file);
    expect(declared.get('CampaignSummaryInput.lessons')).toBe(TEXT_LIMITS.document);
  });
});

describe('event schemas', () => {
  const schemas = Object.fromEntries(
    readdirSync(EVENT_SCHEMAS_DIR).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.v\d+\.json$/, ''), JSON.parse(readFileSync(path.join(EVENT_SCHEMAS_DIR, f), 'utf8'))]),
  );
  type Schema = { type?: string | string[]; maxLength?: number; properties?: Record<string, Schema>; items?: Schema };
  const strings = (schema: Schema, at: string): [string, number | undefined][] => {
    const isString = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
    const own: [string, number | undefined][] = isString ? [[at, schema.maxLength]] : [];
    const inner = Object.entries(schema.properties ?? {}).flatMap(([name, s]) => strings(s, at ? `${at}.${name}` : name));
    return [...own, ...inner, ...(schema.items ? strings(schema.items, `${at}[]`) : [])];
  };

  it('bound every string of every event', () => {
    const unbounded = Object.entries(schemas).flatMap(([type, schema]) => strings(schema, '').filter(([, max]) => max === undefined).map(([at]) => `${type}.${at}`));
    expect(unbounded).toEqual([]);
  });

  it('take what the inputs that feed them take', () => {
    const declared = declaredLengths(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const maxOf = (type: string, at: string) => new Map(strings(schemas[type], '')).get(at)!;
    const feeds: [string, string, number][] = [
      ['StoryRetracted', 'reason', declared.get('Mutation.transitionStory(note)')!],
      ['CampaignSummarised', 'lessons', declared.get('CampaignSummaryInput.lessons')!],
      ['CampaignSummarised', 'exemplars[].achievement', declared.get('ExemplarInput.achievement')!],
      ['CampaignReplicated', 'adaptationNote', declared.get('ReplicateCampaignInput.adaptationNote')!],
      ['ExemplarProposed', 'achievement', declared.get('ExemplarProposalInput.achievement')!],
      ['NominationCreated', 'reason', declared.get('NominateInput.reason')!],
      ['RewardGranted', 'reason', declared.get('GrantRewardInput.reason')!],
      ['RewardRefused', 'reason', declared.get('Mutation.refuseNomination(reason)')!],
      ['RewardRevoked', 'reason', declared.get('RevokeDecisionInput.reason')!],
      ['AppealResolved', 'resolution', declared.get('Mutation.resolveAppeal(resolution)')!],
      ['ResultsPublished', 'reason', declared.get('Mutation.resolveAppeal(resolution)')!],
      // fields fed by inputs of the default size
      ['CampaignLaunched', 'title', TEXT_LIMITS.default],
      ['CampaignLaunched', 'targets[].name', TEXT_LIMITS.default],
      ['MemberUpserted', 'fullName', TEXT_LIMITS.default],
      ['RewardGranted', 'signerRole', TEXT_LIMITS.default],
    ];
    for (const [type, at, input] of feeds) expect([type, at, maxOf(type, at) >= input]).toEqual([type, at, true]);
  });
});

describe('an event the broker refuses for good', () => {
  it('is parked with the broker’s answer and counted, and the later events of its aggregate still flow', async () => {
    const unit = await env.api.createUnit({ code: `lon-${tree.run}`, parentId: tree.units.bn!.id, name: 'Công đoàn Điện lực Bắc Ninh', level: 'UPPER_GRASSROOTS' }, admin);
    await eventuallyCounted('evaluation', 'unit_refs WHERE id = $1', [unit.id], 1, 'the unit in evaluation');
    // a row no broker takes (1.5 MB over its 1 MB limit), written as an older release or a bug could have written it
    const forced = randomUUID();
    const envelope = {
      id: forced, type: 'UnitUpserted', version: 1, occurredAt: new Date().toISOString(), producer: 'campaign', aggregateId: unit.id, unitPath: unit.path,
      correlationId: 'oversized-test', causationId: null,
      payload: { unitId: unit.id, code: `lon-${tree.run}`, name: 'x'.repeat(1_500_000), level: 'UPPER_GRASSROOTS', organisationType: null, provinceCode: 'BN', path: unit.path, parentId: tree.units.bn!.id },
    };
    const campaignDb = new Client({ connectionString: databaseUrl('campaign') });
    await campaignDb.connect();
    try {
      await campaignDb.query(`INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, $2, $3, 'UnitUpserted', $4)`, [
        forced, eventsTopic('campaign', process.env.KAFKA_TOPIC_PREFIX ?? ''), unit.id, JSON.stringify(envelope),
      ]);
      // a later event of the same aggregate, and one of another
      await env.api.ok(`mutation($id: ID!) { updateUnionUnit(id: $id, input: { name: "Công đoàn Điện lực tỉnh Bắc Ninh" }) { id } }`, { id: unit.id }, admin);
      const other = await env.api.createUnit({ code: `sau-${tree.run}`, parentId: tree.units.bn!.id, name: 'Công đoàn Giáo dục Bắc Ninh', level: 'UPPER_GRASSROOTS' }, admin);

      await eventuallyCounted('evaluation', `unit_refs WHERE id = $1 AND name = 'Công đoàn Điện lực tỉnh Bắc Ninh'`, [unit.id], 1, 'the later event of the same unit in evaluation');
      await eventuallyCounted('media', 'unit_refs WHERE id = $1', [other.id], 1, 'the other unit in media');
      const parked = await eventually(async () => (await campaignDb.query(`SELECT event_type, error_type, error, size_bytes FROM outbox_dead_letters WHERE event_id = $1`, [forced])).rows[0], 10000, 'the parked row');
      expect(parked).toMatchObject({ event_type: 'UnitUpserted', error_type: 'MESSAGE_TOO_LARGE' });
      expect(parked.error).toMatch(/larger than the max message size/i);
      expect(parked.size_bytes).toBeGreaterThan(1_500_000);
      expect((await campaignDb.query(`SELECT 1 FROM outbox WHERE event_id = $1`, [forced])).rows).toEqual([]);
    } finally {
      await campaignDb.end();
    }
    const scraped = await (await fetch(`http://127.0.0.1:${env.platform.subgraphs.campaign.metricsPort}/metrics`)).text();
    expect(scraped).toMatch(/^thidua_outbox_events_parked_total\{type="UnitUpserted",reason="MESSAGE_TOO_LARGE"\} [1-9]/m);
  });
});
