/**
 * Who signs in to the portal in the browser tests: accounts of the platform, made through the accounts API as an
 * officer would make them, signed in through Keycloak's own pages (the temporary password changed at the first
 * sign-in, as a person does).
 */
import type { Role } from '@thidua/common';
import type { Browser, Page } from 'playwright-core';
import { watchAccessibility } from './accessibility';
import { launchBrowser, signIn } from './browser';
import type { Api } from './api';
import { usePlatform, type TestPlatform } from './platform';
import { RewardScenario } from './reward';

export interface Person {
  roles: Role[];
  unit: string;
  memberId?: string;
}

export class PortalPeople {
  private readonly accounts = new Map<string, { username: string; password: string; first: boolean }>();

  constructor(
    private readonly scenario: () => RewardScenario,
    private readonly browser: () => Browser,
    private readonly base: () => string,
    private readonly prefix = 'nt',
  ) {}

  /** The person's Keycloak account (created once: its temporary password is changed at the first sign-in). */
  async accountOf(person: Person): Promise<{ username: string; password: string; newPassword?: string }> {
    const s = this.scenario();
    const key = JSON.stringify(person);
    let account = this.accounts.get(key);
    if (!account) {
      const username = `${this.prefix}.${s.run}.${this.accounts.size}`;
      const created = await s.api.ok(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { temporaryPassword } }`, {
        i: { username, fullName: `Người thử ${this.accounts.size}`, roles: person.roles, ...(person.memberId ? { memberId: person.memberId } : { unitId: s.units[person.unit]!.id }) },
      }, s.tokens.admin);
      account = { username, password: created.createAccount.temporaryPassword, first: true };
      this.accounts.set(key, account);
    }
    if (!account.first) return { username: account.username, password: account.password };
    const temporary = account.password;
    account.first = false;
    account.password = `Mat-khau-${s.run}-2026`;
    return { username: account.username, password: temporary, newPassword: account.password };
  }

  /**
   * A browser context signed in as the person, on `path`. Every page it shows is checked for accessibility
   * (test/support/accessibility.ts): `close()` fails on a serious or critical violation.
   */
  async pageAs(person: Person, path: string): Promise<{ page: Page; close(): Promise<void> }> {
    const context = await this.browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const audit = watchAccessibility(page);
    const { username, password, newPassword } = await this.accountOf(person);
    await signIn(page, this.base(), username, password, newPassword);
    await page.goto(`${this.base()}${path}`);
    return {
      page,
      close: async () => {
        try {
          await audit.check();
        } finally {
          await context.close();
        }
      },
    };
  }
}

/** How long one browser test may take (a suite's own longer timeouts still apply). */
export const BROWSER_TEST_MS = 180_000;

/** What a browser suite works with; `s`, `browser` and `base` are set once the suite's beforeAll has run. */
export interface PortalScenario {
  env: { platform: TestPlatform; api: Api };
  s: RewardScenario;
  browser: Browser;
  /** The portal's address (the gateway's, without /graphql). */
  base: string;
  people: PortalPeople;
}

/**
 * The setup of a browser suite: the platform, a fresh reward scenario (RewardScenario), Debian's Chromium, the
 * suite's people whose account names start with `prefix`, and BROWSER_TEST_MS for each test. Stopped after the suite.
 */
export function usePortalScenario(prefix: string): PortalScenario {
  // each test drives several people's pages in Chromium, each page checked for accessibility, on a shared machine
  jest.setTimeout(BROWSER_TEST_MS);
  const env = usePlatform();
  const portal = { env } as PortalScenario;
  portal.people = new PortalPeople(() => portal.s, () => portal.browser, () => portal.base, prefix);
  beforeAll(async () => {
    portal.base = env.platform.gatewayUrl.replace(/\/graphql$/, '');
    portal.s = await RewardScenario.start(env.platform, env.api);
    portal.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await portal.browser?.close();
  });
  return portal;
}
