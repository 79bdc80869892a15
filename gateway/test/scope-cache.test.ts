import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { isObjectType, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Identity } from '@thidua/common';
import type { Executor, RequestContext } from '../src/executor';
import { SUPERGRAPH_PATH } from '../src/graphql-server';
import { ScopeCache, scopeOf } from '../src/scope-cache';
import { ACCOUNT_FIELDS, NEVER_CACHED, SCOPE_FIELDS, operationCaching } from '../src/scope-fields';

const schema: GraphQLSchema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();

function identity(subject: string, roles: Identity['roles'], unitPath: string | null, memberId: string | null = null): Identity {
  return { subject, roles, unitPath, memberId, name: subject };
}

function request(source: string, caller: Identity, variables: Record<string, unknown> = {}): RequestContext {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return {
    schema,
    document,
    operation,
    queryHash: source,
    request: { query: source, operationName: null, variables },
    context: { identity: caller, cacheScope: scopeOf(caller) },
  } as unknown as RequestContext;
}

/** An executor answering with the number of its execution and who asked, counting executions. */
function countingExecutor(answer: (n: number) => Awaited<ReturnType<Executor>> = (n) => ({ data: { execution: n } })) {
  let executions = 0;
  const executor: Executor = async () => answer(++executions);
  return { executor, count: () => executions };
}

const officerHn = identity('officer-1', ['UNIT_OFFICER'], '/vn/hn/');
const officerHn2 = identity('officer-2', ['UNIT_OFFICER'], '/vn/hn/');
const officerHcm = identity('officer-3', ['UNIT_OFFICER'], '/vn/hcm/');
const approverHn = identity('officer-4', ['UNIT_OFFICER', 'COUNCIL_MEMBER'], '/vn/hn/');
const memberA = identity('member-a', ['MEMBER'], '/vn/hn/a/', '8f1c6f0e-0d8a-4c53-9a2e-0b6a3c1d2e01');
const memberB = identity('member-b', ['MEMBER'], '/vn/hn/a/', '8f1c6f0e-0d8a-4c53-9a2e-0b6a3c1d2e02');

describe('which fields may be shared by a scope', () => {
  const queryFields = Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`);

  it('classifies every root query field exactly once, and names no field the schema lacks', () => {
    const lists = [SCOPE_FIELDS, ACCOUNT_FIELDS, NEVER_CACHED];
    const unclassified = queryFields.filter((field) => lists.filter((list) => list.has(field)).length !== 1);
    expect(unclassified).toEqual([]);
    const everyField = new Set(Object.values(schema.getTypeMap()).flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [])));
    expect(lists.flatMap((list) => [...list]).filter((field) => !everyField.has(field))).toEqual([]);
  });

  it('keeps every field about "my" own things per account or never (myUnit is the unit path, a scope claim)', () => {
    const mine = Object.values(schema.getTypeMap()).flatMap((type) =>
      isObjectType(type) && !type.name.startsWith('__') ? Object.keys(type.getFields()).filter((f) => /^my[A-Z]/.test(f)).map((f) => `${type.name}.${f}`) : [],
    );
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.filter((field) => field !== 'Query.myUnit' && !ACCOUNT_FIELDS.has(field) && !NEVER_CACHED.has(field))).toEqual([]);
  });

  it('takes the strictest field of an operation, fragments included', () => {
    expect(operationCaching(schema, parse('{ campaigns(first: 2) { edges { node { id title } } } provinceStories(provinceCode: "HN") { edges { node { title } } } }'))).toBe('SCOPE');
    expect(operationCaching(schema, parse('{ campaigns(first: 2) { edges { node { id } } } ...Mine } fragment Mine on Query { myNominations { edges { node { id } } } }'))).toBe('ACCOUNT');
    expect(operationCaching(schema, parse('{ myUnreadNotificationCount accounts { edges { node { id } } } }'))).toBe('NEVER');
    expect(operationCaching(schema, parse('{ __schema { queryType { name } } }'))).toBe('NEVER');
  });
});

describe('the per-scope cache', () => {
  const DASHBOARD = '{ campaigns(first: 2) { edges { node { id } } } }';
  const MINE = '{ myNominations { edges { node { id } } } }';

  it('shares an answer within one scope and never across provinces, roles or members', async () => {
    const { executor, count } = countingExecutor();
    const cached = new ScopeCache(60_000, 1 << 20, 0).wrap(executor);
    const answers = [];
    for (const caller of [officerHn, officerHn2, officerHcm, approverHn, memberA, memberB]) answers.push((await cached(request(DASHBOARD, caller))).data);
    // the two officers of Hà Nội share; another province, other roles and another member each run their own
    expect(answers).toEqual([{ execution: 1 }, { execution: 1 }, { execution: 2 }, { execution: 3 }, { execution: 4 }, { execution: 5 }]);
    expect(count()).toBe(5);
  });

  it('keeps answers about the account itself for that account only', async () => {
    const { executor } = countingExecutor();
    const cached = new ScopeCache(60_000, 1 << 20, 0).wrap(executor);
    const first = await cached(request(MINE, officerHn));
    const again = await cached(request(MINE, officerHn));
    const colleague = await cached(request(MINE, officerHn2));
    expect([first.data, again.data, colleague.data]).toEqual([{ execution: 1 }, { execution: 1 }, { execution: 2 }]);
  });

  it('keys on the variables, runs concurrent identical queries of a scope once, and never keeps mutations or answers with errors', async () => {
    const { executor, count } = countingExecutor((n) => (n === 5 ? { data: { execution: n }, errors: [{ message: 'reward unavailable' } as never] } : { data: { execution: n } }));
    const cached = new ScopeCache(60_000, 1 << 20, 0).wrap(executor);
    const query = 'query($u: ID!) { unionUnit(id: $u) { id } }';
    await Promise.all([cached(request(query, officerHn, { u: '1' })), cached(request(query, officerHn2, { u: '1' }))]);
    await cached(request(query, officerHn, { u: '2' }));
    expect(count()).toBe(2);
    await cached(request('mutation { markAllNotificationsRead }', officerHn));
    await cached(request('mutation { markAllNotificationsRead }', officerHn));
    expect(count()).toBe(4);
    const withErrors = await cached(request('{ rewardForms { code } }', officerHn));
    expect(withErrors.errors).toHaveLength(1);
    expect((await cached(request('{ rewardForms { code } }', officerHn))).errors).toBeUndefined();
    expect(count()).toBe(6);
  });

  it('runs again after a flush, and does not keep an answer computed across one', async () => {
    let release: () => void = () => undefined;
    let executions = 0;
    const executor: Executor = () => new Promise((resolve) => {
      const n = ++executions;
      release = () => resolve({ data: { execution: n } });
    });
    const cache = new ScopeCache(60_000, 1 << 20, 0);
    const cached = cache.wrap(executor);
    const before = cached(request(DASHBOARD, officerHn));
    cache.flush();
    release();
    expect((await before).data).toEqual({ execution: 1 });
    const after = cached(request(DASHBOARD, officerHn));
    release();
    expect((await after).data).toEqual({ execution: 2 });
    expect(cache.size).toBe(1);
    cache.flush();
    expect(cache.size).toBe(0);
  });

  it('empties itself once more after the last event has settled', async () => {
    const { executor, count } = countingExecutor();
    const cache = new ScopeCache(60_000, 1 << 20, 50);
    const cached = cache.wrap(executor);
    cache.flush();
    // an answer read while a consumer may still be applying the event …
    await cached(request(DASHBOARD, officerHn));
    expect(cache.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // … is dropped by the trailing flush
    expect(cache.size).toBe(0);
    await cached(request(DASHBOARD, officerHn));
    expect(count()).toBe(2);
    cache.stop();
  });
});
