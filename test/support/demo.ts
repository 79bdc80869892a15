import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DemoAccount {
  username: string;
  password: string;
}

/** The demo accounts as `npm start` (infra/seed-demo.ts) writes them: label → username and password. */
export function demoAccounts(dir: string = path.resolve(__dirname, '..', '..', '.data')): Map<string, DemoAccount> {
  const accounts = new Map<string, DemoAccount>();
  const lines = readFileSync(path.join(dir, 'demo-accounts.txt'), 'utf8').split('\n');
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith('Demo accounts')) + 1)) {
    const match = /^\s+(.+?)\s{2,}(\S+)\s+(\S+)$/.exec(line);
    if (match) accounts.set(match[1]!, { username: match[2]!, password: match[3]! });
  }
  return accounts;
}

export function demoAccount(accounts: Map<string, DemoAccount>, labelStart: string): DemoAccount {
  const entry = [...accounts].find(([label]) => label.startsWith(labelStart));
  if (!entry) throw new Error(`No demo account for "${labelStart}"`);
  return entry[1];
}
