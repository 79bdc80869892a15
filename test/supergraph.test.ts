import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../scripts/compose-supergraph';

describe('committed supergraph', () => {
  it('equals a fresh composition of the subgraphs’ schemas (run `npm run compose` when this fails)', () => {
    const fresh = composeSupergraph();
    expect(Object.keys(fresh)).toContain('schemas/supergraph.graphql');
    for (const [file, content] of Object.entries(fresh)) {
      expect(readFileSync(path.resolve(__dirname, '..', file), 'utf8')).toBe(content);
    }
  });
});
