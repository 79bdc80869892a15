/** The gateway is the portal's only back end: GraphQL over POST (JSON, so the gateway's CSRF rule is met). */
import { sessionExpired } from './auth';
import { idempotencyFor } from './idempotency';

export interface Problem {
  field: string;
  message: string;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; problems?: Problem[]; field?: string; serviceName?: string; retryable?: boolean };
}

export class ApiError extends Error {
  readonly code: string;
  readonly problems: Problem[];
  constructor(error: GraphQLError) {
    super(error.message);
    this.code = error.extensions?.code ?? 'ERROR';
    // a refusal that names one field (a conflict, a scope) is shown beside that field like an input problem
    const field = error.extensions?.field;
    this.problems = error.extensions?.problems ?? (field ? [{ field, message: error.message }] : []);
  }
}

export interface Result<T> {
  data: T | null;
  /** Errors that came with partial data (a subgraph down, a field the caller may not read). */
  errors: GraphQLError[];
}

export async function request<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<Result<T>> {
  const sending = idempotencyFor(query, variables, token !== null);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...sending.headers },
    body: JSON.stringify({ query, variables }),
  });
  // the gateway no longer takes this session's token: sign in again, and come back to this page
  if (response.status === 401 && token) sessionExpired();
  const answer = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLError[] } | null;
  // a body that is not JSON (a balancer's 502 page) is no answer from the gateway: the mutation may have run
  if (answer) sending.answered(answer.errors ?? []);
  const body = answer ?? { errors: [{ message: `Máy chủ trả lời ${response.status}` }] };
  if (!body.data && body.errors?.length) throw new ApiError(body.errors[0]!);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** A mutation: any error is the caller's to show. */
export async function mutate<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
  const result = await request<T>(query, variables, token);
  if (result.errors.length) throw new ApiError(result.errors[0]!);
  return result.data as T;
}

/**
 * A mutation sent with XMLHttpRequest, for large bodies (CSV imports): the upload's progress is reported as it goes,
 * then `onProgress(1)` once the server has answered.
 */
export function mutateWithProgress<T>(query: string, variables: Record<string, unknown>, token: string | null, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const sending = idempotencyFor(query, variables, token !== null);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    xhr.setRequestHeader('content-type', 'application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(sending.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.min(0.95, event.loaded / event.total));
    xhr.onerror = () => reject(new ApiError({ message: 'Không kết nối được máy chủ' }));
    xhr.onload = () => {
      if (xhr.status === 401 && token) sessionExpired();
      onProgress(1);
      try {
        const body = JSON.parse(xhr.responseText) as { data?: T; errors?: GraphQLError[] };
        sending.answered(body.errors ?? []);
        if (body.errors?.length) reject(new ApiError(body.errors[0]!));
        else resolve(body.data as T);
      } catch {
        reject(new ApiError({ message: `Máy chủ trả lời ${xhr.status}` }));
      }
    };
    xhr.send(JSON.stringify({ query, variables }));
  });
}
