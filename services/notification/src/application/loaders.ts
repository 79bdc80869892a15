/** Nothing here is reached by reference from another subgraph yet: a request needs no loaders. */
export type NotificationLoaders = Record<string, never>;

export function createLoaders(): NotificationLoaders {
  return {};
}
