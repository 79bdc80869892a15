import type { IncomingMessage, ServerResponse } from 'node:http';
import contentDisposition from 'content-disposition';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth';
import { AppError, ValidationError, type ErrorCode } from '../errors';
import { isUuid } from '../graphql/ids';
import { newAuditTrail } from '../graphql/audit';
import type { Connection } from '../graphql/pagination';
import { sendJson, type RouteHandler } from '../http/server';
import type { RouteDependencies, SubgraphContext } from '../subgraph';
import { foldVietnamese } from '../text';
import { writeWorkbook, type SheetSpec } from './excel';
import { documentContent, type IssuedDocument } from './store';

/**
 * HTTP downloads of documents and spreadsheets, reached through the gateway (which forwards the caller's identity):
 * every one authorised as the GraphQL field showing the same data is, refusals with the API's codes and a
 * Vietnamese message, GET and HEAD only.
 */
const STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 };

export interface DownloadRequest {
  identity: Identity;
  /** The path's parts after the route's prefix, e.g. ["decisions", "<id>.pdf"]. */
  segments: string[];
  query: URLSearchParams;
}

export type Download =
  | { kind: 'pdf'; document: IssuedDocument; db: DataSource }
  | { kind: 'xlsx'; fileName: string; title: string; sheets: SheetSpec<any>[] };

export type DownloadHandler = (request: DownloadRequest) => Promise<Download>;

/** A refusal the route answers with its status and message. */
export class DownloadNotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
}

function attachment(fileName: string, inline: boolean): string {
  // an ASCII fallback for old clients, the Vietnamese name for the rest
  return contentDisposition(fileName, { type: inline ? 'inline' : 'attachment', fallback: foldVietnamese(fileName).replace(/[^\x20-\x7e]/g, '_') });
}

async function sendPdf(req: IncomingMessage, res: ServerResponse, download: Extract<Download, { kind: 'pdf' }>, inline: boolean): Promise<void> {
  const { document } = download;
  const etag = `"${document.sha256}"`;
  const headers = {
    'content-type': 'application/pdf',
    'content-disposition': attachment(document.fileName, inline),
    'content-length': String(document.sizeBytes),
    etag,
    'x-document-sha256': document.sha256,
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  res.end(await documentContent(download.db, document.id));
}

async function sendWorkbook(req: IncomingMessage, res: ServerResponse, download: Extract<Download, { kind: 'xlsx' }>): Promise<void> {
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': attachment(download.fileName, false),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  await writeWorkbook(res, download.sheets, download.title);
  res.end();
}

function refusal(res: ServerResponse, error: AppError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error instanceof ValidationError) body.problems = error.problems;
  sendJson(res, STATUS[error.code], { error: body });
}

/** A route under `prefix` (ending in `/`) that answers with a document or a workbook. */
export function downloadRoute(deps: RouteDependencies, prefix: string, handler: DownloadHandler): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Chỉ tải về bằng GET' } });
    const url = new URL(req.url ?? '/', 'http://localhost');
    let download: Download;
    try {
      const identity = await deps.identify(req);
      const segments = url.pathname.slice(prefix.length).split('/').map((s) => decodeURIComponent(s));
      download = await handler({ identity, segments, query: url.searchParams });
    } catch (error) {
      if (error instanceof AppError) return refusal(res, error);
      if (error instanceof URIError) return sendJson(res, 400, { error: { code: 'BAD_USER_INPUT', message: 'Đường dẫn không hợp lệ' } });
      throw error;
    }
    if (download.kind === 'pdf') await sendPdf(req, res, download, url.searchParams.get('download') === null);
    else await sendWorkbook(req, res, download);
  };
}

/**
 * Every page of a connection, in order (exports reuse the queries the screens use, with their rules). The first page
 * is read before this returns, so a refusal (not signed in, out of scope, a bad filter) is answered as such, before
 * the spreadsheet's first byte is sent.
 */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Connection<T>>): Promise<AsyncGenerator<T[]>> {
  const first = await fetchPage(null);
  async function* rest(): AsyncGenerator<T[]> {
    let page = first;
    for (;;) {
      yield page.edges.map((edge) => edge.node);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      page = await fetchPage(page.pageInfo.endCursor);
    }
  }
  return rest();
}

/** A read-only context for a download, as a GraphQL request of the same caller would get. */
export function downloadContext<TLoaders>(deps: RouteDependencies, identity: Identity, loaders: TLoaders): SubgraphContext<TLoaders> {
  return {
    identity,
    correlationId: 'download',
    logger: deps.logger,
    db: deps.dataSource,
    loaders,
    audit: newAuditTrail(),
    transaction: () => Promise.reject(new Error('downloads are read-only')),
  };
}

/** A path segment that must be an id: anything else is no document of ours. */
export function idSegment(segment: string | undefined, what: string): string {
  if (!segment || !isUuid(segment)) throw new DownloadNotFoundError(`Không có ${what} này`);
  return segment.toLowerCase();
}

/** An optional yyyy-mm-dd query parameter, refused with the field's name when malformed. */
export function dateParam(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw ValidationError.single(name, `"${value.slice(0, 40)}" không phải ngày dạng yyyy-mm-dd`);
  }
  return value;
}
