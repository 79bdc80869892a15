import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EVENT_SCHEMAS_DIR } from '@thidua/common';
import { eventSchemaFiles } from '../scripts/event-schemas';

describe('committed event schemas', () => {
  it('are exactly what the contracts in services/common/src/events/contracts.ts define (run `npm run compose` when this fails)', () => {
    const fresh = eventSchemaFiles();
    expect(readdirSync(EVENT_SCHEMAS_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(fresh).sort());
    for (const [name, content] of Object.entries(fresh)) {
      expect([name, readFileSync(path.join(EVENT_SCHEMAS_DIR, name), 'utf8')]).toEqual([name, content]);
    }
  });
});
