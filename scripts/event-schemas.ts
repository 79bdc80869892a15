/**
 * Writes the JSON Schema of every event payload, and of the envelope, to schemas/events/ from their one definition
 * in services/common/src/events/contracts.ts (decision 0016). The files are the contract on the wire for anyone
 * reading our topics; a test fails when they are stale.
 *   tsx scripts/event-schemas.ts          write the files
 *   tsx scripts/event-schemas.ts --check  exit 1 when the committed files differ
 */
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { EVENT_ENVELOPE_SCHEMA, EVENT_PAYLOAD_SCHEMAS } from '../services/common/src/events/contracts';
import { EVENT_SCHEMAS_DIR } from '../services/common/src/events/validation';
const VERSION = 1;

function file(name: string, title: string, schema: TSchema): [string, string] {
  const { description, ...rest } = schema;
  const document = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://thidua.congdoan.vn/schemas/events/${name}.json`,
    title,
    description,
    ...rest,
  };
  return [`${name}.json`, `${JSON.stringify(document, null, 2)}\n`];
}

/** File name → content, for every schema. */
export function eventSchemaFiles(): Record<string, string> {
  return Object.fromEntries([
    file(`envelope.v${VERSION}`, 'Event envelope', {
      ...EVENT_ENVELOPE_SCHEMA,
      description: 'Every event on every topic travels in this envelope; the payload is validated by the schema of its type and version.',
    }),
    ...Object.entries(EVENT_PAYLOAD_SCHEMAS).map(([type, schema]) => file(`${type}.v${VERSION}`, `${type} v${VERSION} (payload)`, schema)),
  ]);
}

function main(): void {
  const files = eventSchemaFiles();
  const committed = readdirSync(EVENT_SCHEMAS_DIR).filter((f) => f.endsWith('.json'));
  if (process.argv.includes('--check')) {
    const stale = [...new Set([...committed, ...Object.keys(files)])].filter((name) => {
      try {
        return readFileSync(path.join(EVENT_SCHEMAS_DIR, name), 'utf8') !== files[name];
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(`Stale: ${stale.join(', ')}. Run: npm run compose`);
      process.exit(1);
    }
    console.log('event schemas are up to date');
    return;
  }
  for (const name of committed.filter((f) => !(f in files))) unlinkSync(path.join(EVENT_SCHEMAS_DIR, name));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(EVENT_SCHEMAS_DIR, name), content);
  console.log(`wrote ${Object.keys(files).length} schemas to schemas/events/`);
}

if (require.main === module) main();
