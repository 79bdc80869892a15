import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** `--name value` from the command line, as a number. */
export function numberOption(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Nearest-rank percentile (p in 0..100) of ascending `sorted` latencies, to a tenth of a millisecond. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

export const RESULTS_DIR = path.resolve(__dirname, 'results');

/** The databases the benchmarks read (`npm run generate -- --suffix …`): BENCH_DATABASE_SUFFIX, so runs beside each other keep apart. */
export const BENCH_SUFFIX = process.env.BENCH_DATABASE_SUFFIX ?? '_bench';

export interface Served {
  url: string;
  child: ChildProcess;
  /** CPU milliseconds the process has used so far. */
  cpuMs(): Promise<number>;
  /** SQL statements the subgraphs' request handling has sent so far. */
  statements(): Promise<number>;
  stop(): Promise<void>;
}

/** Asks a served process for its counters (SIGUSR2) and reads its answer line. */
function report(child: ChildProcess, output: () => string): Promise<{ cpu: number; statements: number }> {
  const before = output().length;
  return new Promise((done) => {
    const poll = setInterval(() => {
      const line = /cpu (\d+) statements (\d+)/.exec(output().slice(before));
      if (line) {
        clearInterval(poll);
        done({ cpu: Number(line[1]), statements: Number(line[2]) });
      }
    }, 20);
    child.kill('SIGUSR2');
  });
}

/** Starts `bench/serve.ts <args>` in its own process (its own core to fight for) and waits for its "ready" line. */
export function serve(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(__dirname, 'serve.ts'), ...args], {
    env: { ...process.env, DATABASE_SUFFIX: BENCH_SUFFIX, KAFKA_TOPIC_PREFIX: 'bench-', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          cpuMs: () => report(child, () => output).then((r) => r.cpu),
          statements: () => report(child, () => output).then((r) => r.statements),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`bench/serve.ts ${args.join(' ')} exited with ${code}`)));
  });
}

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  non2xx: number;
  errors: number;
  gatewayCpuMsPerRequest?: number;
  subgraphCpuMsPerRequest?: number;
  /** The machine's 1-minute load average when the run ended: other work on the cores makes every figure worse. */
  loadAverage?: number;
}

/** Headers for every request, or a list that requests take in turn (many callers, each with their own token). */
export type RequestHeaders = Record<string, string> | Record<string, string>[];

/**
 * A GraphQL request body, or a list of bodies that requests take in turn alongside a list of headers (the n-th
 * caller sends the n-th body: officers of different provinces asking about their own).
 */
export type RequestBody = object | object[];

const firstOf = <T>(items: T | T[]): T => (Array.isArray(items) ? items[0]! : items);

/** Sends the GraphQL request(s) over `connections` keep-alive connections for `seconds`. */
export async function load(label: string, url: string, body: RequestBody, headers: RequestHeaders, seconds: number, connections = 50): Promise<LoadResult> {
  let turn = 0;
  const bodies = Array.isArray(body) ? body.map((b) => JSON.stringify(b)) : undefined;
  const next = (request: autocannon.Request): autocannon.Request => {
    const n = turn++;
    return {
      ...request,
      ...(Array.isArray(headers) ? { headers: { ...request.headers, ...headers[n % headers.length] } } : {}),
      ...(bodies ? { body: bodies[n % bodies.length] } : {}),
    };
  };
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    // an answer that takes longer than autocannon's 10 s still counts (an overloaded machine answers, late)
    timeout: 30,
    headers: { 'content-type': 'application/json', ...firstOf(headers) },
    body: JSON.stringify(firstOf(body)),
    ...(Array.isArray(headers) || bodies ? { requests: [{ setupRequest: next }] } : {}),
  });
  if (result['2xx'] === 0) console.warn(`[bench] ${label}: no successful answer (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`);
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** `load`, with the CPU time the gateway and the subgraphs spent per request while it ran. */
export async function loadMeasured(label: string, gateway: Served, subgraphs: Served, body: RequestBody, headers: RequestHeaders, seconds: number, connections: number): Promise<LoadResult> {
  const [gatewayBefore, subgraphsBefore] = await Promise.all([gateway.cpuMs(), subgraphs.cpuMs()]);
  const result = await load(label, gateway.url, body, headers, seconds, connections);
  const [gatewayAfter, subgraphsAfter] = await Promise.all([gateway.cpuMs(), subgraphs.cpuMs()]);
  const requests = Math.max(1, result.requestsPerSecond * seconds);
  result.gatewayCpuMsPerRequest = Math.round(((gatewayAfter - gatewayBefore) / requests) * 100) / 100;
  result.subgraphCpuMsPerRequest = Math.round(((subgraphsAfter - subgraphsBefore) / requests) * 100) / 100;
  result.loadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
  return result;
}

/** One request, to check an answer before loading it (a benchmark of errors measures nothing). */
export async function call(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ data?: any; errors?: { message: string }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export function table(results: LoadResult[]): string {
  const lines = [
    '| variant | requests/s | p50 ms | p90 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | non-2xx | errors | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(`| ${r.label} | ${r.requestsPerSecond} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.gatewayCpuMsPerRequest ?? '—'} | ${r.subgraphCpuMsPerRequest ?? '—'} | ${r.non2xx} | ${r.errors} | ${r.loadAverage ?? '—'} |`);
  }
  return lines.join('\n');
}

export function writeResults(name: string, markdown: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.md`);
  writeFileSync(file, `${markdown.trim()}\n`);
  return file;
}

export type GatewayKind = 'ours' | 'stock' | 'hive';

export const WARM_UP_SECONDS = 10;

/** Installs @graphql-hive/gateway-runtime into bench/hive on first use: only benchmark 1 (c) needs it. */
export function ensureHive(): void {
  const dir = path.join(__dirname, 'hive');
  if (existsSync(path.join(dir, 'node_modules', '@graphql-hive', 'gateway-runtime'))) return;
  console.log('[bench] installing @graphql-hive/gateway-runtime into bench/hive (once)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
}

export interface ComparisonOptions {
  seconds: number;
  connections: number;
  /** Runs alongside the load on our gateway. */
  whileOurs?: (url: string) => Promise<void>;
  /** Where each process writes its CPU profile (node --cpu-prof) while a variant is loaded. */
  profileDir?: string;
}

/**
 * For each variant in turn: starts the subgraphs and that gateway (fresh processes, so CPU figures and profiles
 * belong to one variant), checks the request answers without errors, warms up and loads it.
 */
export async function compareGateways(variants: [GatewayKind, string][], body: RequestBody, headers: RequestHeaders, options: ComparisonOptions): Promise<LoadResult[]> {
  if (variants.some(([kind]) => kind === 'hive')) ensureHive();
  const results: LoadResult[] = [];
  for (const [kind, label] of variants) {
    // one directory per process: tsx's loader thread writes a profile of its own beside the main thread's
    const profile = (name: string) => (options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, `${kind}-${name}`)}`] : []);
    const subgraphs = await serve(['subgraphs'], {}, profile('subgraphs'));
    try {
      const gateway = await serve(['gateway', kind], {}, profile('gateway'));
      try {
        const check = await call(gateway.url, firstOf(body), firstOf(headers));
        if (check.errors?.length || !check.data) throw new Error(`${kind}: ${JSON.stringify(check.errors)}`);
        // long enough for V8 to optimise every process's hot code and for PostgreSQL's buffers to hold the data
        await load(`${kind} (warm-up)`, gateway.url, body, headers, WARM_UP_SECONDS, options.connections);
        const running = loadMeasured(label, gateway, subgraphs, body, headers, options.seconds, options.connections);
        if (kind === 'ours' && options.whileOurs) await options.whileOurs(gateway.url);
        results.push(await running);
        console.log(table(results.slice(-1)));
      } finally {
        await gateway.stop();
      }
    } finally {
      await subgraphs.stop();
    }
  }
  return results;
}
