import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The demo users' tokens as `npm start` (infra/seed-demo.ts) writes them: label → token. */
export function demoTokens(dir: string = path.resolve(__dirname, '..', '..', '.data')): Map<string, string> {
  const tokens = new Map<string, string>();
  const lines = readFileSync(path.join(dir, 'demo-tokens.txt'), 'utf8').split('\n');
  for (const line of lines.slice(lines.indexOf('Demo tokens (valid 30 days, development secret):') + 1)) {
    const match = /^\s+(.+?)\s{2,}(\S+)$/.exec(line);
    if (match) tokens.set(match[1]!, match[2]!);
  }
  return tokens;
}

export function demoToken(tokens: Map<string, string>, labelStart: string): string {
  const entry = [...tokens].find(([label]) => label.startsWith(labelStart));
  if (!entry) throw new Error(`No demo token for "${labelStart}"`);
  return entry[1];
}
