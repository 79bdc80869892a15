import { useCallback, useEffect, useState } from 'react';
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
