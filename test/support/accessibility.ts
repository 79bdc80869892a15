/**
 * The accessibility check of the browser tests: axe-core run in the page after each navigation, once the page's
 * data has loaded, and once more as the test leaves it. A serious or critical violation of WCAG 2.1 A or AA fails
 * the test when it closes the page, naming the page, the rule and the elements.
 *
 *   const audit = watchAccessibility(page);   // right after context.newPage()
 *   …
 *   await audit.check();                      // before context.close(); throws on a violation
 *
 * PortalPeople.pageAs does both for the pages it opens; checkEveryPage(() => browser) for every page of a suite.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { waitUntilLoaded } from './browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
/** How long a page may show "Đang tải…" before it is checked as it is. */
const LOADING_WAIT_MS = 10_000;

export interface AccessibilityViolation {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it stands; returns its serious and critical violations. */
export async function auditPage(page: Page): Promise<AccessibilityViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return results.violations
    .filter((v: Result) => v.impact && BLOCKING.has(v.impact))
    .map((v: Result) => ({ url: results.url, rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Once the page's data has loaded, or as it is when it takes too long (the audit checks what a person would see). */
async function settled(page: Page): Promise<void> {
  await waitUntilLoaded(page, LOADING_WAIT_MS).catch(() => undefined);
}

export interface AccessibilityWatch {
  /** Resolves once the pages navigated to so far have been audited (a test that moves on quickly may wait for it). */
  idle(): Promise<void>;
  /** Waits for the audits of earlier pages, audits the page as it is now if it is open, and throws when any found a violation. */
  check(): Promise<void>;
}

export function describeViolations(violations: AccessibilityViolation[]): string {
  return violations.map((v) => `${v.url}: ${v.rule} (${v.impact}) ${v.help}: ${v.targets.slice(0, 5).join(', ')}`).join('\n');
}

/**
 * Audits each page the main frame navigates to (a load or the portal's own route changes), after its data has
 * loaded. Audits run one at a time; one the test navigated away from in the middle is dropped, the next page is
 * audited instead (a test that leaves a page at once and wants it audited awaits `idle()` first).
 */
export function watchAccessibility(page: Page): AccessibilityWatch {
  const found = new Map<string, AccessibilityViolation>();
  const record = (violations: AccessibilityViolation[]) => {
    for (const v of violations) found.set(`${new URL(v.url).pathname} ${v.rule} ${v.targets.join()}`, v);
  };
  let queue: Promise<void> = Promise.resolve();
  // navigations while an audit waits to start need no audit of their own: the waiting one sees the latest page
  let waiting = false;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || waiting) return;
    waiting = true;
    queue = queue.then(async () => {
      waiting = false;
      if (page.isClosed()) return;
      await settled(page);
      // a page left while it was audited is dropped: the page the test went to is audited next
      record(await auditPage(page).catch(() => []));
    });
  });
  return {
    idle: () => queue,
    async check() {
      await queue;
      // the page the test ends on, as it ends (unless the test closed it): an audit that cannot run here fails the test
      if (!page.isClosed()) {
        await settled(page);
        record(await auditPage(page));
      }
      if (found.size) throw new Error(`Accessibility (axe-core, WCAG 2.1 AA): serious or critical violations\n${describeViolations([...found.values()])}`);
    },
  };
}

/**
 * For a suite that opens its own contexts: every page of every context the suite's browser opens is watched, and
 * after each test the pages it opened are checked (the test fails on a violation). Call it at the top of the file:
 *
 *   checkEveryPage(() => browser);
 */
export function checkEveryPage(browser: () => Browser | undefined): void {
  const patched = new WeakSet<Browser>();
  let watches: AccessibilityWatch[] = [];
  beforeEach(() => {
    const current = browser();
    if (!current || patched.has(current)) return;
    patched.add(current);
    const newContext = current.newContext.bind(current);
    current.newContext = async (options) => {
      const context = await newContext(options);
      context.on('page', (page) => watches.push(watchAccessibility(page)));
      return context;
    };
  });
  afterEach(async () => {
    const opened = watches;
    watches = [];
    const failures = (await Promise.allSettled(opened.map((w) => w.check()))).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length) throw new Error(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
  });
}
