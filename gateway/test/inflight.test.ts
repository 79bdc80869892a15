import { parse, type OperationDefinitionNode } from 'graphql';
import { sharingInflight } from '../src/inflight';

type Executor = Parameters<typeof sharingInflight>[0];
type RequestContext = Parameters<Executor>[0];

/** An executor whose executions finish when the test says, counting how many were started. */
function controlledExecutor() {
  const started: { finish: () => void }[] = [];
  const executor: Executor = () =>
    new Promise((resolve) => {
      const n = started.length + 1;
      started.push({ finish: () => resolve({ data: { execution: n } }) });
    });
  return { executor, started };
}

function request(source: string, caller: string, variables: Record<string, unknown> = {}): RequestContext {
  const operation = parse(source).definitions[0] as OperationDefinitionNode;
  return { operation, queryHash: source, request: { query: source, operationName: null, variables }, context: { callerKey: caller } } as unknown as RequestContext;
}

describe('sharing in-flight queries', () => {
  it('runs identical concurrent queries of one caller once, and each request gets the answer', async () => {
    const { executor, started } = controlledExecutor();
    const shared = sharingInflight(executor);
    const answers = Promise.all([1, 2, 3].map(() => shared(request('{ campaigns { id } }', 'token-a'))));
    expect(started).toHaveLength(1);
    started[0]!.finish();
    expect((await answers).map((a) => a.data)).toEqual([{ execution: 1 }, { execution: 1 }, { execution: 1 }]);
  });

  it('never shares between callers, between variables, or for mutations', async () => {
    const { executor, started } = controlledExecutor();
    const shared = sharingInflight(executor);
    const answers = Promise.all([
      shared(request('{ campaigns { id } }', 'token-a')),
      shared(request('{ campaigns { id } }', 'token-b')),
      shared(request('query($u: ID!) { unit(id: $u) { id } }', 'token-a', { u: '1' })),
      shared(request('query($u: ID!) { unit(id: $u) { id } }', 'token-a', { u: '2' })),
      shared(request('mutation { publish { id } }', 'token-a')),
      shared(request('mutation { publish { id } }', 'token-a')),
    ]);
    expect(started).toHaveLength(6);
    started.forEach((s) => s.finish());
    await answers;
  });

  it('keeps nothing once an execution has finished: a later identical query runs again', async () => {
    const { executor, started } = controlledExecutor();
    const shared = sharingInflight(executor);
    const first = shared(request('{ campaigns { id } }', 'token-a'));
    started[0]!.finish();
    await first;
    const second = shared(request('{ campaigns { id } }', 'token-a'));
    expect(started).toHaveLength(2);
    started[1]!.finish();
    expect((await second).data).toEqual({ execution: 2 });
  });
});
