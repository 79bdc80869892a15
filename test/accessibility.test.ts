/**
 * The browser tests' accessibility check (test/support/accessibility.ts) on pages made to fail it, in Debian's
 * Chromium: an image without a text alternative and a nameless button are reported with their page, rule and
 * element; a page navigated to and left again is still reported when the test checks at its end, and so is what
 * the page a test ends on shows then; a page without a serious or critical violation passes.
 */
import type { Browser, Page } from 'playwright-core';
import { auditPage, watchAccessibility } from './support/accessibility';
import { launchBrowser } from './support/browser';

let browser: Browser;
let page: Page;

const html = (body: string) => `data:text/html;charset=utf-8,${encodeURIComponent(`<!doctype html><html lang="vi"><head><title>Thử</title></head><body><main><h1>Trang thử</h1>${body}</main></body></html>`)}`;
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  page = await browser.newPage();
});

afterEach(async () => {
  await page.close();
});

describe('the accessibility check', () => {
  it('reports an image without alt text and a button without a name, naming the rule and the element', async () => {
    await page.goto(html(`<img src="${PIXEL}"><button id="empty"></button>`));
    const violations = await auditPage(page);
    expect(violations.map((v) => v.rule).sort()).toEqual(['button-name', 'image-alt']);
    expect(violations.find((v) => v.rule === 'button-name')!.targets).toEqual(['#empty']);
    for (const v of violations) expect(['serious', 'critical']).toContain(v.impact);
  }, 60_000);

  it('fails at the end of a test for a page it visited before and left', async () => {
    const audit = watchAccessibility(page);
    await page.goto(html(`<img src="${PIXEL}">`));
    await audit.idle();
    await page.goto(html('<p>Không có lỗi.</p>'));
    await expect(audit.check()).rejects.toThrow(/image-alt \(critical\)/);
  }, 60_000);

  it('fails on the page a test ends on', async () => {
    const audit = watchAccessibility(page);
    await page.goto(html('<p>Không có lỗi.</p>'));
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button></button>'));
    await expect(audit.check()).rejects.toThrow(/button-name \(critical\)/);
  }, 60_000);

  it('passes a page without serious or critical violations', async () => {
    const audit = watchAccessibility(page);
    // a heading level skipped is a best practice (moderate), not a failure of this check
    await page.goto(html('<h3>Mục</h3><label for="name">Họ và tên</label><input id="name"><button>Gửi</button>'));
    await expect(audit.check()).resolves.toBeUndefined();
  }, 60_000);
});
