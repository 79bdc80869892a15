import { readFileSync } from 'node:fs';

/** The parts of a V8 CPU profile (node --cpu-prof) a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples: number[];
}

/** Where a function lives: its npm package, node's own code, or ours (path below the repository). */
function owner(url: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:') || url === '') return '(node and V8)';
  const ours = /\/(services\/[^/]+|gateway|bench)\//.exec(url);
  return ours ? `ours: ${ours[1]}` : url;
}

function share(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/**
 * Self time of a CPU profile by package and by function, as markdown tables: where a process spends its CPU,
 * readable without opening the profile in a tool. Idle time ("(idle)") is left out of the shares.
 */
export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const samplesOf = new Map<number, number>();
  for (const id of profile.samples) samplesOf.set(id, (samplesOf.get(id) ?? 0) + 1);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const samples = samplesOf.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (samples === 0 || functionName === '(idle)' || functionName === '(program)') continue;
    busy += samples;
    const where = owner(url);
    byPackage.set(where, (byPackage.get(where) ?? 0) + samples);
    const name = `${functionName || '(anonymous)'} · ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + samples);
  }
  const rows = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, samples]) => `| ${name.replace(/\|/g, '\\|')} | ${share(samples, busy)} |`).join('\n');
  return `| package | self time |\n|---|---:|\n${rows(byPackage)}\n\n| function | self time |\n|---|---:|\n${rows(byFunction)}`;
}
