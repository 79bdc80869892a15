/**
 * Every process of the platform as N replicas on one machine, behind our own nginx (Debian's, see infra/nginx.sh):
 * nginx balances the gateway replicas on the front port and, on one port per subgraph, the subgraph replicas the
 * gateways call. Used by the replica test (test/replicas/) and by hand:
 *   npx tsx infra/replicas.ts start   (after `npm start` has made the databases, or `bash infra/infra.sh up`)
 *   npx tsx infra/replicas.ts stop
 * REPLICAS (2) replicas of each process; ports from REPLICAS_BASE_PORT (28300): the front on the base, the subgraphs'
 * balancers on base+1…4, gateway replicas from base+10, subgraph replicas from base+20. State in .data/replicas/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@thidua/common';

export type ProcessName = ServiceName | 'gateway';

export interface ReplicaLayout {
  replicas: number;
  /** nginx's front: what clients call. */
  frontPort: number;
  /** nginx's port per subgraph: what the gateways call. */
  balancerPorts: Record<ServiceName, number>;
  /** Each process's replicas' own ports. */
  replicaPorts: Record<ProcessName, number[]>;
  /** Where nginx's configuration, pids and logs live. */
  dir: string;
}

const ROOT = path.resolve(__dirname, '..');
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export function replicaLayout(replicas = Number(process.env.REPLICAS ?? 2), base = Number(process.env.REPLICAS_BASE_PORT ?? 28300), dir = path.join(ROOT, '.data', 'replicas')): ReplicaLayout {
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 10) throw new Error(`REPLICAS must be 1 to 10, not ${replicas}`);
  const ports = (from: number) => Array.from({ length: replicas }, (_, i) => from + i);
  return {
    replicas,
    frontPort: base,
    balancerPorts: Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, base + 1 + i])) as Record<ServiceName, number>,
    replicaPorts: {
      gateway: ports(base + 10),
      ...(Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, ports(base + 20 + i * replicas)])) as Record<ServiceName, number[]>),
    },
    dir,
  };
}

/** The subgraph URLs the gateways are given: each subgraph's balancer, never one replica. */
export function balancedSubgraphUrls(layout: ReplicaLayout): Record<ServiceName, string> {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${layout.balancerPorts[name]}/graphql`])) as Record<ServiceName, string>;
}

function upstream(name: string, ports: number[]): string {
  // a replica refusing connections (killed) is skipped for 10 s; a request it never received goes to the next one
  const servers = ports.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;`).join('\n');
  return `  upstream ${name} {\n${servers}\n    keepalive 16;\n  }`;
}

function server(port: number, upstreamName: string): string {
  return `  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${upstreamName};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # only what never reached a replica is sent to another: a mutation a replica received is never run twice by us
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_buffering off;
    }
  }`;
}

/** nginx's configuration for a layout: no system paths, everything under the layout's directory. */
export function nginxConfig(layout: ReplicaLayout): string {
  const { dir } = layout;
  return `# made by infra/replicas.ts; do not edit
# workers as whoever runs it (as root nginx would otherwise switch to nobody, who cannot write its temporary files)
user ${userInfo().username};
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_max_body_size 10m;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
${upstream('gateway', layout.replicaPorts.gateway)}
${server(layout.frontPort, 'gateway')}
${SERVICE_NAMES.map((name) => `${upstream(name, layout.replicaPorts[name])}\n${server(layout.balancerPorts[name], name)}`).join('\n')}
}
`;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const pidIn = (file: string): number | null => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || null : null);

/** Writes the configuration and starts nginx, or reloads it when it runs already (idempotent). */
export function startNginx(layout: ReplicaLayout): void {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run bash infra/nginx.sh (as root it installs Debian's nginx)`);
  mkdirSync(path.join(layout.dir, 'tmp'), { recursive: true });
  const conf = path.join(layout.dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(layout));
  const pid = pidIn(path.join(layout.dir, 'nginx.pid'));
  const args = pid && alive(pid) ? ['-p', layout.dir, '-c', conf, '-s', 'reload'] : ['-p', layout.dir, '-c', conf];
  const result = spawnSync(NGINX, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`nginx did not start: ${result.stderr || result.stdout}`);
}

export function stopNginx(layout: ReplicaLayout): void {
  const pid = pidIn(path.join(layout.dir, 'nginx.pid'));
  if (pid && alive(pid)) process.kill(pid, 'SIGQUIT');
}

export interface Replica {
  name: ProcessName;
  index: number;
  port: number;
  pid: number;
}

const pidFile = (layout: ReplicaLayout, name: ProcessName, index: number) => path.join(layout.dir, `${name}-${index}.pid`);

/**
 * Starts one replica (unless it runs already) as its own process: a subgraph's main, or `gatewayEntry` (the gateway's
 * main unless a test gives one that trusts its tokens), with `env` added to ours.
 */
export function startReplica(layout: ReplicaLayout, name: ProcessName, index: number, env: NodeJS.ProcessEnv = {}, gatewayEntry = 'gateway/src/main.ts'): Replica {
  const port = layout.replicaPorts[name][index]!;
  const existing = pidIn(pidFile(layout, name, index));
  if (existing && alive(existing)) return { name, index, port, pid: existing };
  mkdirSync(layout.dir, { recursive: true });
  const log = openSync(path.join(layout.dir, `${name}-${index}.log`), 'a');
  const entry = name === 'gateway' ? gatewayEntry : `services/${name}/src/main.ts`;
  const portVariable = name === 'gateway' ? 'PORT_GATEWAY' : `PORT_${name.toUpperCase()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      ...(name === 'gateway' ? Object.fromEntries(Object.entries(balancedSubgraphUrls(layout)).map(([s, url]) => [`SUBGRAPH_URL_${s.toUpperCase()}`, url])) : {}),
      // nginx is the gateways' only direct caller: the client's address is the one it saw
      ...(name === 'gateway' ? { TRUST_PROXY: 'loopback' } : {}),
      [portVariable]: String(port),
      METRICS_PORT: '0',
      RUN_MIGRATIONS: 'false',
      ...env,
    },
  });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile(layout, name, index), String(child.pid));
  return { name, index, port, pid: child.pid! };
}

/** Waits until a replica answers its readiness check; fails early when it exited. */
export async function waitReady(replica: Replica, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${replica.port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    if (!alive(replica.pid)) throw new Error(`${replica.name} replica ${replica.index} exited; see .data/replicas/${replica.name}-${replica.index}.log`);
    if (Date.now() > deadline) throw new Error(`${replica.name} replica ${replica.index} not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Starts every replica and nginx (subgraphs first: a gateway checks them at start), idempotently. */
export async function startReplicas(layout: ReplicaLayout, env: NodeJS.ProcessEnv = {}, gatewayEntry?: string): Promise<Replica[]> {
  startNginx(layout);
  const indexes = Array.from({ length: layout.replicas }, (_, i) => i);
  const subgraphs = SERVICE_NAMES.flatMap((name) => indexes.map((i) => startReplica(layout, name, i, env)));
  await Promise.all(subgraphs.map((replica) => waitReady(replica)));
  const gateways = indexes.map((i) => startReplica(layout, 'gateway', i, env, gatewayEntry));
  await Promise.all(gateways.map((replica) => waitReady(replica)));
  return [...subgraphs, ...gateways];
}

/** Stops every replica this layout's directory knows (SIGTERM, then SIGKILL after 10 s) and nginx. */
export async function stopReplicas(layout: ReplicaLayout): Promise<void> {
  if (!existsSync(layout.dir)) return;
  const pids = readdirSync(layout.dir)
    .filter((file) => file.endsWith('.pid') && file !== 'nginx.pid')
    .map((file) => ({ file: path.join(layout.dir, file), pid: pidIn(path.join(layout.dir, file)) }));
  for (const { pid } of pids) if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (pids.some(({ pid }) => pid && alive(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const { pid, file } of pids) {
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(file, { force: true });
  }
  stopNginx(layout);
}

if (require.main === module) {
  const layout = replicaLayout();
  const command = process.argv[2];
  const work =
    command === 'start'
      ? startReplicas(layout).then(() => console.log(`[replicas] ${layout.replicas} of each process behind nginx: http://127.0.0.1:${layout.frontPort}/graphql`))
      : command === 'stop'
        ? stopReplicas(layout).then(() => console.log('[replicas] stopped'))
        : Promise.reject(new Error('usage: tsx infra/replicas.ts start|stop'));
  work.catch((error: unknown) => {
    console.error('[replicas]', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
