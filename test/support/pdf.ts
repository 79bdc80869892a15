import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Poppler's tools (infra/documents.sh installs them) on a PDF held in memory. */
const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return await work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text pdftotext extracts in the order it was written (`-raw`: columns stay apart), whitespace folded to single spaces. */
export const pdfText = (pdf: Buffer): Promise<string> => withFile(pdf, async (file) => (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' '));

export const pdfInfo = (pdf: Buffer): Promise<string> => withFile(pdf, async (file) => (await run('pdfinfo', [file])).stdout);

/** pdfsig's report; with `nssDir` the certificates are checked against the CAs trusted there. */
export const pdfSig = (pdf: Buffer, nssDir?: string): Promise<string> =>
  withFile(pdf, async (file) => {
    const result = await run('pdfsig', [...(nssDir ? ['-nssdir', nssDir] : []), file]).catch((error: { stdout: string; stderr: string }) => error);
    return `${result.stdout}${result.stderr}`;
  });

/** An NSS database trusting one CA certificate (PEM), for pdfsig's certificate check. */
export async function trustStore(caPem: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-nss-'));
  writeFileSync(path.join(dir, 'ca.crt'), caPem);
  await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'thidua-test-ca', '-t', 'C,C,C', '-a', '-i', path.join(dir, 'ca.crt')]);
  return dir;
}

/** The first page as a PNG (pdftoppm), at `dpi`. */
export const pdfPage = (pdf: Buffer, dpi = 100): Promise<Buffer> =>
  withFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    return readFileSync(path.join(dir, 'page.png'));
  });

/** What the QR code printed on the first page says, read from the rendered page as a phone's camera would. */
export async function qrOnFirstPage(pdf: Buffer): Promise<string | null> {
  const png = PNG.sync.read(await pdfPage(pdf, 200));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** The same PDF with one byte of its first content stream changed. */
export function tampered(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream\n') + 'stream\n'.length + 20;
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
