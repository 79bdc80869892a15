import { chromium, type Browser } from 'playwright-core';
import { UnavailableError } from '../errors';

/**
 * Prints HTML to PDF with Debian's Chromium (driven by playwright-core, which never downloads a browser). One
 * browser per process, started on the first document and kept while documents are asked for; every document gets
 * a fresh page with scripts off, so a template can never run code or reach the network. At most two pages print at
 * once (two cores): the rest wait their turn.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MAX_PARALLEL = 2;
/** A browser left idle this long is closed; the next document starts another (about 0.3 s). */
const IDLE_MS = Number(process.env.PDF_BROWSER_IDLE_SECONDS ?? 120) * 1000;

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let running = 0;
const waiting: (() => void)[] = [];

function launch(): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch((error: Error) => {
      browser = null;
      throw new UnavailableError(`Không khởi động được trình in PDF (Chromium tại ${CHROMIUM_PATH}): ${error.message.split('\n')[0]}`);
    });
  return browser;
}

async function slot(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
  if (running === 0 && IDLE_MS > 0) {
    idleTimer = setTimeout(() => void closePdfRenderer(), IDLE_MS);
    idleTimer.unref();
  }
}

export interface PrintOptions {
  /** A4 portrait (documents) or landscape (certificates). */
  landscape?: boolean;
}

/** The PDF of a complete HTML page (its own `@page` rules set margins); fonts come from the system (fontconfig). */
export async function printPdf(page: string, options: PrintOptions = {}): Promise<Buffer> {
  await slot();
  if (idleTimer) clearTimeout(idleTimer);
  try {
    const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      const tab = await context.newPage();
      await tab.setContent(page, { waitUntil: 'load' });
      return await tab.pdf({ format: 'A4', landscape: options.landscape ?? false, printBackground: true, preferCSSPageSize: true, tagged: true });
    } finally {
      await context.close();
    }
  } finally {
    release();
  }
}

/** Closes the browser (a subgraph stopping, or idle); the next document starts a new one. */
export async function closePdfRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  const current = browser;
  browser = null;
  await (await current?.catch(() => null))?.close();
}
