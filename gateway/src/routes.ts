import { INTERNAL_TOKEN_HEADER, SERVICE_NAMES, liveRoute, requestPath, sendJson, type RouteHandler, type ServiceName } from '@thidua/common';

interface SubgraphReadiness {
  ok: boolean;
  ms: number;
  degraded?: boolean;
  error?: string;
}

async function subgraphReadiness(url: string): Promise<SubgraphReadiness> {
  const started = performance.now();
  try {
    const response = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(2000) });
    const body = (await response.json().catch(() => ({}))) as { degraded?: boolean };
    const ms = Math.round(performance.now() - started);
    return response.ok ? { ok: true, ms, degraded: body.degraded === true } : { ok: false, ms, error: `status ${response.status}` };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/**
 * `/health/ready` of the gateway: it answers whatever its subgraphs can (a subgraph down leaves only its fields
 * missing), so it is ready while any subgraph is, degraded (200, `degraded: true`, the others named) when one is not
 * ready or is itself degraded, and not ready (503) only when none answers.
 */
export function gatewayHealthRoutes(urls: Record<ServiceName, string>): Record<string, RouteHandler> {
  const ready: RouteHandler = async (_req, res) => {
    const checks = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (name) => [name, await subgraphReadiness(urls[name])] as const)));
    const failing = SERVICE_NAMES.filter((name) => !checks[name]!.ok);
    const degraded = failing.length > 0 || SERVICE_NAMES.some((name) => checks[name]!.degraded);
    const up = failing.length < SERVICE_NAMES.length;
    sendJson(res, up ? 200 : 503, { status: !up ? 'down' : degraded ? 'degraded' : 'ok', degraded: up && degraded, failing, checks });
  };
  return { '/health/live': liveRoute, '/health/ready': ready };
}

/** The public files media serves through the gateway, and nothing else: a path that is not one of them never leaves the gateway. */
const PUBLIC_FILES = /^\/(feeds\/(sections|provinces)\/[A-Za-z0-9-]{1,100}\.(rss|atom|json)|assets\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const PROXIED_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'content-length'];

/**
 * Forwards a GET for one of media's public files with an anonymous internal token, and sends the answer back with
 * the gateway's own security headers. The upstream URL is built from the checked path alone (no query string, no
 * dot segments), so `/assets/%2e%2e/metrics` and the like are refused here and reach nothing.
 */
export function publicFileRoute(baseUrl: string, token: () => Promise<string>, headers: Record<string, string>): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Chỉ nhận GET' });
    const path = requestPath(req.url);
    if (!path || !PUBLIC_FILES.test(path)) return sendJson(res, 404, { error: 'Không có tệp công khai nào ở đường dẫn này' });
    let upstream: Response;
    try {
      upstream = await fetch(`${baseUrl}${path}`, { headers: { [INTERNAL_TOKEN_HEADER]: await token() }, signal: AbortSignal.timeout(10_000) });
    } catch {
      return sendJson(res, 503, { error: 'Dịch vụ tin bài tạm thời không trả lời; hãy thử lại sau ít phút' });
    }
    const forwarded: Record<string, string> = { ...headers };
    for (const name of PROXIED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) forwarded[name] = value;
    }
    res.writeHead(upstream.status, forwarded);
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await upstream.arrayBuffer()));
  };
}
