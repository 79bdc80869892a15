import type { ServerResponse } from 'node:http';
import { registry } from '../metrics';
import { sendJson, type RouteHandler } from './server';

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

/** `/health`: 200 when every dependency answers, 503 with the failing ones named otherwise. */
export function healthRoute(checks: Record<string, HealthCheck>, timeoutMs = 2000): RouteHandler {
  return async (_req, res: ServerResponse) => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => timed(checks[name]!, timeoutMs)));
    const report = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const ok = results.every((r) => r.ok);
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', checks: report });
  };
}

/** `/metrics`: Prometheus text format. */
export const metricsRoute: RouteHandler = async (_req, res) => {
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(await registry.metrics());
};
