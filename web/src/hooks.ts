import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, request, type GraphQLError, type Problem } from './api';
import { useAuth } from './auth';
import { problemFor } from './ui';

export interface QueryState<T> {
  data: T | null;
  error: Error | null;
  /** Errors that came with partial data. */
  warnings: GraphQLError[];
  loading: boolean;
  reload(): void;
}

/** Runs a query with the signed-in user's token whenever the query, its variables or the user change. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const key = JSON.stringify(variables);
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>({ data: null, error: null, warnings: [], loading: !skip });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    request<T>(query, JSON.parse(key) as Record<string, unknown>, token).then(
      (result) => current && setState({ data: result.data, error: null, warnings: result.errors, loading: false }),
      (error: Error) => current && setState({ data: null, error, warnings: [], loading: false }),
    );
    return () => {
      current = false;
    };
  }, [query, key, token, skip, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

export interface ActionState {
  busy: boolean;
  error: Error | null;
  done: string | null;
  problems: Problem[];
  /** The API's message for a field of the input (BAD_USER_INPUT), to show beside it. */
  problem(field: string): string | null;
  /** Runs a mutation; its result's message is shown, or its error with each problem by its field. */
  run(work: () => Promise<string>): Promise<boolean>;
}

/** The state of a form's mutation: busy, the API's problems by field, the error or what was done. */
export function useAction(): ActionState {
  const [state, setState] = useState<{ busy: boolean; error: Error | null; done: string | null; problems: Problem[] }>({ busy: false, error: null, done: null, problems: [] });
  const run = useCallback(async (work: () => Promise<string>) => {
    setState({ busy: true, error: null, done: null, problems: [] });
    try {
      const done = await work();
      setState({ busy: false, error: null, done, problems: [] });
      return true;
    } catch (error) {
      setState({ busy: false, error: error as Error, done: null, problems: error instanceof ApiError ? error.problems : [] });
      return false;
    }
  }, []);
  return { ...state, problem: (field: string) => problemFor(state.problems, field), run };
}

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PagedState<T> extends QueryState<unknown> {
  /** Every node read so far: the first page, then each page loaded after it. */
  nodes: T[];
  hasMore: boolean;
  loadingMore: boolean;
  /** Reads the next page (the query takes `$after`) and appends it. */
  loadMore(): void;
}

/**
 * A long list read a page at a time: the first page as any query, each next one when the person asks for it
 * ("Xem thêm"). A change of the variables or a reload starts again from the first page.
 */
export function usePagedQuery<D, T>(query: string, variables: Record<string, unknown>, connection: (data: D) => Connection<T> | null | undefined, skip = false): PagedState<T> {
  const { session } = useAuth();
  const first = useQuery<D>(query, variables, skip);
  const [more, setMore] = useState<{ nodes: T[]; pageInfo: Connection<T>['pageInfo'] } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);
  const head = first.data ? connection(first.data) : null;
  const pageInfo = more?.pageInfo ?? head?.pageInfo ?? { hasNextPage: false, endCursor: null };
  // a page asked for under other variables (the search changed meanwhile) is not appended to the new list
  const current = useRef(first.data);
  current.current = first.data;
  const loadMore = () => {
    if (!pageInfo.hasNextPage || loadingMore) return;
    setLoadingMore(true);
    const askedFor = first.data;
    request<D>(query, { ...variables, after: pageInfo.endCursor }, session?.token ?? null).then(
      (result) => {
        if (current.current !== askedFor) return setLoadingMore(false);
        const page = result.data ? connection(result.data) : null;
        setMore((previous) => ({ nodes: [...(previous?.nodes ?? []), ...(page?.edges.map((e) => e.node) ?? [])], pageInfo: page?.pageInfo ?? { hasNextPage: false, endCursor: null } }));
        setLoadingMore(false);
      },
      (error: Error) => {
        setMoreError(error);
        setLoadingMore(false);
      },
    );
  };
  const nodes = [...(head?.edges.map((e) => e.node) ?? []), ...(more?.nodes ?? [])];
  return { ...first, error: first.error ?? moreError, nodes, hasMore: pageInfo.hasNextPage, loadingMore, loadMore };
}
