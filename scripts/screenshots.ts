/**
 * Screenshots of the portal's main pages with the demo data, for the README (writes docs/screenshots/*.png; desktop
 * and phone widths), each once its data has loaded:
 *   npm start, then npx tsx scripts/screenshots.ts
 *   npx tsx scripts/screenshots.ts --own-platform   (its own platform on the test databases: scripts/demo-platform.ts)
 */
import path from 'node:path';
import { launchBrowser, signIn, waitUntilLoaded } from '../test/support/browser';
import { demoAccount, demoAccounts } from '../test/support/demo';
import { startDemoPlatform, type DemoPlatform } from './demo-platform';

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const own: DemoPlatform | null = process.argv.includes('--own-platform') ? await startDemoPlatform('screenshots', { province: true }) : null;
  try {
    await shoot(own?.base ?? process.env.PORTAL_URL ?? 'http://127.0.0.1:4000', own?.accounts ?? demoAccounts());
  } finally {
    await own?.stop();
  }
}

async function shoot(base: string, accounts: ReturnType<typeof demoAccounts>): Promise<void> {
  const browser = await launchBrowser();
  const shots: { file: string; path: string; account?: string; phone?: boolean; wait?: string }[] = [
    { file: 'public-campaigns.png', path: '/' },
    { file: 'public-register.png', path: '/rewards' },
    { file: 'public-stories.png', path: '/stories' },
    { file: 'phone-register.png', path: '/rewards', phone: true },
    { file: 'dashboard-bac-ninh.png', path: '/dashboard', account: 'officer, Bắc Ninh', wait: 'fairness-chart' },
    { file: 'national-portal.png', path: '/national', account: 'national admin', wait: 'provinces' },
    { file: 'council.png', path: '/work/council', account: 'council member, Bắc Ninh' },
    { file: 'launch-campaign.png', path: '/work/launch', account: 'officer, Bắc Ninh' },
    { file: 'accounts.png', path: '/work/accounts', account: 'officer, Bắc Ninh', wait: 'accounts' },
  ];
  for (const shot of shots) {
    const context = await browser.newContext(shot.phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true } : { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (shot.account) {
      const { username, password } = demoAccount(accounts, shot.account);
      await signIn(page, base, username, password);
    }
    await page.goto(`${base}${shot.path}`);
    await page.waitForLoadState('networkidle');
    // a page still saying "Đang tải…" is no picture of the portal: wait for its data, or stop
    await waitUntilLoaded(page, 30_000);
    if (shot.wait) await page.getByTestId(shot.wait).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(OUT, shot.file), fullPage: true });
    console.log(`[screenshots] ${shot.file}`);
    await context.close();
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
