import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export const PUBLIC_OPERATIONS_DIR = path.resolve(__dirname, '../public-operations');

/** One operation in its canonical printed form (whitespace, comments and formatting don't matter). */
function canonical(document: DocumentNode): string {
  return print(document);
}

/**
 * The operations anonymous callers may run when the allowlist mode is on (PUBLIC_QUERY_ALLOWLIST=true): the
 * public portal's queries, kept in gateway/public-operations/*.graphql. Each operation of each file may be sent
 * alone; signed-in callers and news channels are not restricted by it.
 */
export function loadPublicOperations(dir: string = PUBLIC_OPERATIONS_DIR): Set<string> {
  const allowed = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    const document = parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const definition of document.definitions) {
      allowed.add(canonical({ kind: document.kind, definitions: [definition as OperationDefinitionNode] }));
    }
  }
  return allowed;
}

export function isAllowed(allowed: Set<string>, source: string): boolean {
  try {
    return allowed.has(canonical(parse(source)));
  } catch {
    return false;
  }
}
