/**
 * Composes the supergraph from the subgraphs' own SDL (services/<name>/src/schema.graphql) with @apollo/composition
 * and writes schemas/supergraph.graphql, what the gateway loads (committed; a test fails when it is stale).
 *   tsx scripts/compose-supergraph.ts          write the file
 *   tsx scripts/compose-supergraph.ts --check  exit 1 when the committed file differs from a fresh composition
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SERVICE_NAMES } from '../services/common/src/config';

const ROOT = path.resolve(__dirname, '..');

export interface ComposedFiles {
  [relativePath: string]: string;
}

/** The URLs in the committed supergraph are local defaults; the gateway overrides them from SUBGRAPH_URL_*. */
export function composeSupergraph(): ComposedFiles {
  const subgraphs = SERVICE_NAMES.map((name) => {
    const sdl = readFileSync(path.join(ROOT, 'services', name, 'src', 'schema.graphql'), 'utf8');
    return { name, url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`, typeDefs: parse(sdl) };
  });
  const result = composeServices(subgraphs);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { 'schemas/supergraph.graphql': `${result.supergraphSdl.trim()}\n` };
}

function main(): void {
  const files = composeSupergraph();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(([file, content]) => {
      try {
        return readFileSync(path.join(ROOT, file), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(`Stale: ${stale.map(([f]) => f).join(', ')}. Run: npm run compose`);
      process.exit(1);
    }
    console.log('supergraph is up to date');
    return;
  }
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(ROOT, file), content);
  console.log(`wrote ${Object.keys(files).join(', ')}`);
}

if (require.main === module) main();
