/**
 * Every piece of work the API can do has a screen (issue 15, item 1): each mutation of the committed supergraph is
 * either sent by the portal (a GraphQL document in web/src) or listed below as API-only, with the reason no person
 * does it on a screen. A mutation added to a schema without either fails here; so does an API-only entry that a
 * screen now sends (the list stays short and true), and one naming a mutation the supergraph no longer has.
 * No infrastructure: it reads files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import ts from 'typescript';

const root = path.resolve(__dirname, '..');

/**
 * Mutations no screen sends, each with why. Keep it short: "nobody got to it" is not a reason, it is a gap, and the
 * gap is what `GAP` below counts until it is closed.
 */
export const API_ONLY: Record<string, string> = {
  updateCampaign: 'a draft is written and launched in one step on the launch screen (createCampaign(launch: true)); editing drafts is for scripts migrating old movements',
  launchCampaign: 'the launch screen creates and launches in one step (createCampaign(launch: true)); the two-step path is for scripts',
  registerNewsChannel: 'news channels are registered by the national admin for a newsroom, by script, with the key handed over out of band',
  revokeNewsChannel: 'revoked by the same script that registered the channel',
  addAsset: 'assets are uploaded by the media service HTTP endpoint; the mutation is for importers of archived stories',
  createSection: 'sections are set up once per deployment by the seed script',
  runDeadlineScan: 'the deadline scan is a scheduled job; running it now is an operator\'s lever (runbook), not a person\'s work on a screen',
  runDailyDigest: 'the daily digest is a scheduled job; sending it now is an operator\'s lever (runbook), not a person\'s work on a screen',
  setCampaignRewardPlan: 'the reward plan is written with the movement by scripts; its screen is not built yet',
};

/**
 * Mutations with neither a screen nor an API-only reason yet: the measured gap (issue 15 item 1). The test fails when
 * an entry gets a screen (take it off) or a new mutation joins without one (give it a screen instead).
 */
export const GAP: string[] = [];

/** Every field of `type Mutation` (and its extensions) in the committed supergraph. */
export function supergraphMutations(): string[] {
  const document = parse(readFileSync(path.join(root, 'schemas/supergraph.graphql'), 'utf8'));
  return document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation' ? (d.fields ?? []).map((f) => f.name.value) : [],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|graphql)$/.test(entry.name) ? [full] : [];
  });
}

/** The GraphQL documents of a source file: the whole file for .graphql, else every string that parses as one. */
function documentsOf(file: string): DocumentNode[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.graphql')) return [parse(text)];
  const found: DocumentNode[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) && /^\s*(mutation|query|subscription|fragment)\b/.test(node.text)) {
      found.push(parse(node.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
  return found;
}

/** The root fields of every mutation operation the portal's source sends. */
export function portalMutations(): Set<string> {
  const sent = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'web/src'))) {
    for (const document of documentsOf(file)) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') continue;
        for (const selection of definition.selectionSet.selections) if (selection.kind === Kind.FIELD) sent.add(selection.name.value);
      }
    }
  }
  return sent;
}

describe('every mutation has a screen or a reason', () => {
  const all = supergraphMutations();
  const sent = portalMutations();

  it('reads the supergraph and the portal (the test can see what it checks)', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all).toContain('createCampaign');
    expect(sent.has('createCampaign')).toBe(true);
    expect(sent.has('reviewSubmission')).toBe(true);
  });

  it('sends only mutations the supergraph has', () => {
    expect([...sent].filter((name) => !all.includes(name))).toEqual([]);
  });

  it('each mutation is sent by a screen, or is API-only with its reason', () => {
    const uncovered = all.filter((name) => !sent.has(name) && !(name in API_ONLY) && !GAP.includes(name));
    expect(uncovered).toEqual([]);
  });

  it('the API-only list is short and true: each entry exists, has a one-line reason and no screen sends it', () => {
    for (const [name, reason] of Object.entries(API_ONLY)) {
      expect({ name, exists: all.includes(name), sentByScreen: sent.has(name) }).toEqual({ name, exists: true, sentByScreen: false });
      expect(reason.trim().length).toBeGreaterThan(20);
      expect(reason).not.toMatch(/\n/);
    }
  });

  it('the gap only shrinks: an entry with a screen now comes off the list', () => {
    expect(GAP.filter((name) => sent.has(name) || !all.includes(name) || name in API_ONLY)).toEqual([]);
  });

  it('reports the coverage', () => {
    const covered = all.filter((name) => sent.has(name)).length;
    process.stdout.write(`mutation coverage: ${covered}/${all.length} sent by a screen, ${Object.keys(API_ONLY).length} API-only, ${GAP.length} without a screen yet\n`);
    expect(covered + Object.keys(API_ONLY).length + GAP.length).toBe(all.length);
  });
});
