import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, without the background traffic this machine's closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * On Keycloak's own sign-in page (in Vietnamese), as a person types: username, password, and at a first sign-in with
 * a temporary password the new one, twice.
 */
export async function signInAtProvider(page: Page, username: string, password: string, newPassword?: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập hoặc thư điện tử').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (newPassword) {
    await page.getByText('Bạn cần đặt mật khẩu mới để bắt đầu dùng tài khoản.').waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Gửi' }).click();
  }
}

/** Signs in from the portal's header, through the provider's page, and waits until the portal shows who is signed in. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string, newPassword?: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await signInAtProvider(page, username, password, newPassword);
  await page.getByTestId('signed-in-as').waitFor();
}

/** Waits until the page has loaded and shows no "Đang tải…" (the portal's Loading) any more. */
export async function waitUntilLoaded(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForLoadState('load', { timeout });
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('Đang tải')), undefined, { timeout });
}
