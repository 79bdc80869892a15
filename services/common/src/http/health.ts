import { createServer, type Server, type ServerResponse } from 'node:http';
import { registry } from '../metrics';
import { listen, requestPath, sendJson, type RouteHandler } from './server';

export type HealthCheck = () => Promise<void>;

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

async function timed(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

export interface ReadinessChecks {
  /** Without these the process cannot serve: any failing makes it not ready (503). */
  required: Record<string, HealthCheck>;
  /** Dependencies the process absorbs the loss of (the outbox holds events while the broker is away): degraded, still 200. */
  degradable: Record<string, HealthCheck>;
}

/** `/health/live`: the process is up and its event loop answers; a load balancer restarts it when this fails. */
export const liveRoute: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok' });

/**
 * `/health/ready`: 200 when every required dependency answers, with `degraded: true` and the others named when a
 * degradable one does not; 503 naming the failing ones when a required one does not.
 */
export function readinessRoute(checks: ReadinessChecks, timeoutMs = 2000): RouteHandler {
  return async (_req, res: ServerResponse) => {
    const all = { ...checks.required, ...checks.degradable };
    const names = Object.keys(all);
    const results = await Promise.all(names.map((name) => timed(all[name]!, timeoutMs)));
    const report = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    const failing = names.filter((name) => !report[name]!.ok);
    const ready = failing.every((name) => name in checks.degradable);
    sendJson(res, ready ? 200 : 503, { status: !ready ? 'down' : failing.length > 0 ? 'degraded' : 'ok', degraded: ready && failing.length > 0, failing, checks: report });
  };
}

/** `/metrics`: Prometheus text format. */
export const metricsRoute: RouteHandler = async (_req, res) => {
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(await registry.metrics());
};

/**
 * Metrics on a port of their own (METRICS_PORT), never on the public one: what they tell (request rates, event
 * counts, internals of the process) is for the operators' scraper, reached on the private network.
 */
export async function startMetricsServer(host: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (requestPath(req.url) !== '/metrics') return sendJson(res, 404, { error: 'not found' });
    void Promise.resolve(metricsRoute(req, res)).catch(() => res.destroy());
  });
  return { server, port: await listen(server, port, host) };
}
