import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';

export type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type LoadResult = Awaited<ReturnType<Gateway['load']>>;
export type Executor = NonNullable<LoadResult['executor']>;
export type RequestContext = Parameters<Executor>[0];
export type ExecutionResult = Awaited<ReturnType<Executor>>;

/** A gateway whose executor is wrapped (in-flight sharing, the per-scope cache): planning and fetching stay Apollo's. */
export function withExecutor(gateway: Gateway, wrap: (executor: Executor) => Executor): Gateway {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor ? wrap(loaded.executor) : null };
    },
  };
}
