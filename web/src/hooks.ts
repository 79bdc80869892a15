import { useCallback, useEffect, useState } from 'react';
import { request, type GraphQLError } from './api';
import { useAuth } from './auth';

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
