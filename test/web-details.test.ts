/**
 * Details a person notices (issue 15 item 4), in Debian's Chromium on a province seeded at a small size
 * (infra/seed-province.ts) under the scenario's Hà Nội: the dashboard's title is the document's; the progress chart
 * of long movement titles lies horizontally, one row per movement, so the titles cannot overlap, and its table
 * lists them; a navigation from the menu moves the focus to the new page's heading; long lists (members, units)
 * show a first page and *Xem thêm* reads the next; the keyboard reaches every control of the dashboard; a field the
 * API refused is marked invalid and tied to its message; every page passes the accessibility check (PortalPeople's
 * pages).
 */
import type { Page } from 'playwright-core';
import { seedProvince } from '../infra/seed-province';
import { usePortalScenario } from './support/portal-people';

const portal = usePortalScenario('ct');
const { people } = portal;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  const seeded = await seedProvince({ province: `hn-${portal.s.run}`, grassroots: 110, membersPerGrassroots: 3, seed: 11 });
  expect(seeded.seeded).toBe(true);
}, 180_000);

/** The controls a person can operate on the page, each marked so that Tab's path can be compared with them. */
async function markControls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')]
      .filter((e) => e.getClientRects().length > 0);
    controls.forEach((e, i) => e.setAttribute('data-control', String(i)));
    return controls.length;
  });
}

describe('details on a province of realistic shape', () => {
  it('the dashboard: its title, a progress chart whose titles do not overlap, and every control reached by the keyboard', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const { page } = officer;
    await page.getByRole('heading', { name: 'Bảng điều khiển: Liên đoàn Lao động thành phố Hà Nội', level: 1 }).waitFor();
    expect(await page.title()).toBe('Bảng điều khiển: Liên đoàn Lao động thành phố Hà Nội – Thi Đua');
    const chart = page.getByTestId('progress-chart');
    await chart.waitFor();
    const titles = await chart.locator('tbody th').allTextContents();
    expect(titles).toEqual(expect.arrayContaining([`Lao động giỏi, Lao động sáng tạo năm ${year}`, `Xanh – sạch – đẹp, bảo đảm an toàn, vệ sinh lao động năm ${year}`]));
    // lying bars: the chart is as tall as its rows of (wrapped) titles, well over the 16rem of a standing chart
    const height = await chart.locator('.chart-canvas').evaluate((e) => e.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(titles.length * 2 * 16);

    const controls = await markControls(page);
    expect(controls).toBeGreaterThan(10);
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < controls + 10; i++) {
      await page.keyboard.press('Tab');
      const mark = await page.evaluate(() => document.activeElement?.getAttribute('data-control') ?? null);
      if (mark !== null) reached.add(mark);
    }
    const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-control]')].filter((e) => !seen.includes(e.getAttribute('data-control')!)).map((e) => e.outerHTML.slice(0, 120)), [...reached]);
    expect(missed).toEqual([]);
    await officer.close();
  }, 240_000);

  it('a navigation moves the focus to the new page’s heading; members and units read a page at a time', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/dashboard');
    const { page } = officer;
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Đoàn viên', exact: true }).click();
    await page.getByRole('heading', { name: 'Đoàn viên', level: 1 }).waitFor();
    expect(await page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent }))).toEqual({ tag: 'H1', text: 'Đoàn viên' });
    expect(await page.title()).toBe('Đoàn viên – Thi Đua');

    const members = page.getByTestId('member');
    await page.getByRole('button', { name: 'Xem thêm' }).waitFor();
    expect(await members.count()).toBe(50);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.getByText('Đang hiện 100.').waitFor();
    expect(await members.count()).toBe(100);

    await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Đơn vị');
    const units = page.getByTestId('unit');
    await page.getByRole('button', { name: 'Xem thêm' }).waitFor();
    expect(await units.count()).toBe(100);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    // 2 grassroots unions of the scenario, 8 upper-grassroots and 110 grassroots unions of the seed
    // the button is renamed "Đang tải…" while the page loads, so it is the line with the count that leaves at the end
    await page.getByText(/^Đang hiện/).waitFor({ state: 'detached' });
    expect(await units.count()).toBe(120);
    await officer.close();
  }, 240_000);

  it('a field refused by the API is marked invalid and tied to its message, without the screen tying it itself', async () => {
    const officer = await people.pageAs({ roles: ['UNIT_OFFICER'], unit: 'hn' }, '/work/launch');
    const { page } = officer;
    await page.getByRole('heading', { name: 'Phát động phong trào', level: 1 }).waitFor();
    const title = page.locator('#title');
    expect(await title.getAttribute('aria-invalid')).toBeNull();
    expect(await title.getAttribute('aria-describedby')).toBeNull();
    await page.getByRole('button', { name: 'Phát động', exact: true }).click();
    await page.locator('#title-error').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await title.getAttribute('aria-describedby')).toBe('title-error');
    await officer.close();
  }, 240_000);
});
