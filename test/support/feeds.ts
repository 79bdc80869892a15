import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';

export type FeedFormat = 'rss' | 'atom' | 'json';

const FORMATS_DIR = path.join(__dirname, 'feed-formats');
const read = (file: string) => readFileSync(path.join(FORMATS_DIR, file), 'utf8');

/** The RELAX NG grammars of the XML formats, read by libxml2's xmllint. */
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
  return validateWithXmllint(body, GRAMMARS[format]);
}

const VALIDATION_MS = 60_000;

/**
 * libxml2's validation by Debian's `xmllint` (libxml2-utils, installed by infra/documents.sh), the document on its
 * standard input. xmllint-wasm did this before, starting a worker thread per call: in the suite's long-lived jest
 * worker one of them once never answered, and with the validation moved to a child process the property test still
 * hung to its timeout in CI (three runs in all), never alone. A process that does not answer within a minute is a
 * clear failure.
 */
function validateWithXmllint(xml: string, grammar: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('xmllint', ['--noout', '--nonet', '--relaxng', path.join(FORMATS_DIR, grammar), '-'], { timeout: VALIDATION_MS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve([]);
      // 1: not well-formed; 3, 4: not valid against the grammar (libxml2's xmllint exit codes)
      if (typeof error.code === 'number' && [1, 3, 4].includes(error.code)) return resolve(stderr.split('\n').filter((line) => line.trim() && !/ fails to validate$/.test(line)));
      reject(new Error(`xmllint did not validate against ${grammar}: ${error.message} ${stderr}`));
    });
    // xmllint may stop reading early (a grammar it cannot compile): its exit code says why, not the broken pipe
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(xml);
  });
}
