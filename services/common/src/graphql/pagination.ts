import { ValidationError } from '../errors';

/** Relay-style connections with opaque cursors; every list is bounded. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw ValidationError.single('first', `số dòng mỗi trang từ 1 đến ${MAX_PAGE_SIZE}`);
  }
  return first;
}

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(parts) && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch {
    // fall through to the error below
  }
  throw ValidationError.single('after', 'con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu');
}

/**
 * The position a positional cursor (one whole number, as `toConnection(…, (row) => [row.position])` writes) stands
 * for; 0 without a cursor. Anything else is refused like any cursor this API did not return.
 */
export function decodePosition(cursor: string | null | undefined): number {
  const parts = decodeCursor(cursor);
  if (parts === null) return 0;
  const [position] = parts;
  if (parts.length === 1 && Number.isSafeInteger(position) && (position as number) >= 0) return position as number;
  throw ValidationError.single('after', 'con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu');
}

/** Builds a connection from `limit + 1` rows fetched in cursor order. */
export function toConnection<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
