import type { Executor, RequestContext } from './executor';

/**
 * What makes two executions interchangeable: the same caller (the caller key stands for one identity) asking
 * the same query with the same variables. Undefined for what must never be shared (mutations, subscriptions).
 */
export function inflightKey(requestContext: RequestContext): string | undefined {
  if (requestContext.operation.operation !== 'query') return undefined;
  const caller = (requestContext.context as { callerKey?: unknown }).callerKey;
  if (typeof caller !== 'string') return undefined;
  const { operationName, variables } = requestContext.request;
  return `${caller}\n${requestContext.queryHash}\n${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
}

/**
 * Shares one execution among identical queries of one caller that are in flight at the same time: a dashboard
 * that fifty browser tabs or retries ask for at once is planned and fetched from the subgraphs once. Nothing is
 * kept after the execution ends, so no answer is older than the request that receives it; each request gets its
 * own copy of the result's envelope, so one request's formatting never touches another's.
 */
export function sharingInflight(executor: Executor): Executor {
  const inflight = new Map<string, ReturnType<Executor>>();
  return (requestContext) => {
    const key = inflightKey(requestContext);
    if (key === undefined) return executor(requestContext);
    let execution = inflight.get(key);
    if (!execution) {
      execution = executor(requestContext).finally(() => inflight.delete(key));
      inflight.set(key, execution);
    }
    return execution.then((result) => ({ ...result }));
  };
}
