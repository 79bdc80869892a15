import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawn } from 'node:child_process';

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
  const result = await validateInChild({ xml: body, name: `feed.${format}`, grammar: read(grammar), grammarName: grammar });
  return result.valid ? [] : result.errors;
}

const VALIDATION_MS = 60_000;

/**
 * libxml2's validation, run by xmllint-wasm in a process of its own. In the suite's long-lived jest worker, the worker
 * thread xmllint-wasm starts for each call once never answered, and the test hung until its timeout (twice in CI);
 * a child process starts clean every time, and one that does not answer within a minute is a clear failure.
 */
function validateInChild(input: { xml: string; name: string; grammar: string; grammarName: string }): Promise<{ valid: boolean; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'validate-xml.js')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`xmllint did not answer within ${VALIDATION_MS / 1000} s for ${input.name}`));
    }, VALIDATION_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout) as { valid: boolean; errors: string[] });
      else reject(new Error(`xmllint's process ended with ${code}: ${stderr}`));
    });
    child.stdin.end(JSON.stringify(input));
  });
}
