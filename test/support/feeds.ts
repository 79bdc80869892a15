import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

export type FeedFormat = 'rss' | 'atom' | 'json';

const FORMATS_DIR = path.join(__dirname, 'feed-formats');
const read = (file: string) => readFileSync(path.join(FORMATS_DIR, file), 'utf8');

/** The RELAX NG grammars of the XML formats, read by libxml2 (compiled to WebAssembly: no native build). */
const GRAMMARS = { rss: 'rss-2.0.rng', atom: 'atom-rfc4287.rng' } as const;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validJsonFeed = ajv.compile(JSON.parse(read('json-feed-1.1.schema.json')));

/**
 * What makes a feed break its format's rules (RSS 2.0, Atom per RFC 4287, JSON Feed 1.1; test/support/feed-formats/),
 * one message each; empty when the feed is valid. A document that is not well-formed XML or JSON says so.
 */
export async function feedProblems(format: FeedFormat, body: string): Promise<string[]> {
  if (format === 'json') {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch (error) {
      return [`not JSON: ${(error as Error).message}`];
    }
    return validJsonFeed(document) ? [] : (validJsonFeed.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
  const grammar = GRAMMARS[format];
  const result = await validateXML({ xml: [{ fileName: `feed.${format}`, contents: body }], schema: [{ fileName: grammar, contents: read(grammar) }], extension: 'relaxng' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
