// Validates one XML document against a RELAX NG grammar with xmllint-wasm, in a process of its own: reads
// { xml, grammar, grammarName, name } as JSON on stdin, writes { valid, errors } as JSON on stdout (test/support/feeds.ts).
const { validateXML } = require('xmllint-wasm');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { xml, name, grammar, grammarName } = JSON.parse(input);
  const result = await validateXML({ xml: [{ fileName: name, contents: xml }], schema: [{ fileName: grammarName, contents: grammar }], extension: 'relaxng' });
  process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors.map((e) => e.rawMessage) }));
});
