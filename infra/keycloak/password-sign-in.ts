/**
 * Signs a person in as the portal does (Authorization Code + PKCE at the provider's own login page), without a
 * browser: fetches the login form, posts the username and password, sets a new password when the provider asks
 * for one (first sign-in with a temporary password), and exchanges the code for tokens. For the demo data loader
 * and tests that need a real provider's token for an account; the portal itself uses oidc-client-ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { oidcIssuer } from '@thidua/common';

export interface PasswordSignIn {
  /** The realm's issuer, e.g. http://127.0.0.1:8080/realms/thidua. */
  issuer: string;
  clientId: string;
  /** A redirect URI the client accepts; it is never called, only the code in it is read. */
  redirectUri: string;
  username: string;
  password: string;
  /** Chosen when the provider requires a new password (a temporary one was given). */
  newPassword?: string;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  idToken: string;
}

export class SignInRefusedError extends Error {}

/** Cookies of one sign-in, as a browser keeps them for the provider's origin. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const decodeEntities = (text: string): string => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The action of the page's form with this id, or null when the page has none. */
function formAction(html: string, id: string): string | null {
  const form = new RegExp(`<form[^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  const action = form && /action="([^"]+)"/.exec(form)?.[1];
  return action ? decodeEntities(action) : null;
}

/** The message the provider shows above its form (wrong password, locked account, policy…). */
function pageMessage(html: string): string {
  const text =
    /<span[^>]*(?:id="input-error[^"]*"|class="[^"]*kc-feedback-text[^"]*")[^>]*>([\s\S]*?)<\/span>/.exec(html)?.[1] ??
    /<div id="kc-error-message">\s*<p[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  return decodeEntities((text ?? 'no message').replace(/<[^>]+>/g, '').trim());
}

export async function signInWithPassword(request: PasswordSignIn): Promise<SignedIn> {
  const jar = new CookieJar();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(`${request.issuer}/protocol/openid-connect/auth`);
  authorize.search = new URLSearchParams({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const call = async (url: string, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
      redirect: 'manual',
    });
    jar.take(response);
    return response;
  };

  /** Follows the provider's own redirects (required actions); stops at a page, or at the client's redirect URI. */
  const follow = async (first: Response): Promise<Response> => {
    let response = first;
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location || location.startsWith(request.redirectUri)) return response;
      response = await call(new URL(location, request.issuer).toString());
    }
    throw new SignInRefusedError('too many redirects at the provider');
  };

  let response = await follow(await call(authorize.toString()));
  let html = await response.text();
  const login = formAction(html, 'kc-form-login');
  if (!login) throw new SignInRefusedError(`the provider showed no login form (${response.status}): ${pageMessage(html)}`);
  response = await follow(await call(login, { username: request.username, password: request.password, credentialId: '' }));
  if (response.status === 200) {
    html = await response.text();
    const update = formAction(html, 'kc-passwd-update-form');
    if (!update) throw new SignInRefusedError(pageMessage(html));
    if (!request.newPassword) throw new SignInRefusedError('the provider asks for a new password and none was given');
    response = await follow(await call(update, { 'password-new': request.newPassword, 'password-confirm': request.newPassword }));
    if (response.status === 200) throw new SignInRefusedError(pageMessage(await response.text()));
  }
  const location = response.headers.get('location');
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code || new URL(location!).searchParams.get('state') !== state) throw new SignInRefusedError(`no authorization code after sign-in (${response.status})`);

  const tokens = await fetch(`${request.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: request.clientId, code, redirect_uri: request.redirectUri, code_verifier: verifier }),
  });
  const body = (await tokens.json()) as { access_token?: string; refresh_token?: string; id_token?: string; error_description?: string };
  if (!tokens.ok || !body.access_token) throw new SignInRefusedError(`token exchange refused: ${body.error_description ?? tokens.status}`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token!, idToken: body.id_token! };
}

/** `tsx infra/keycloak/password-sign-in.ts <username> <password>` prints an access token, for calling the API by hand. */
if (require.main === module) {
  const [username, password] = process.argv.slice(2);
  if (!username || !password) {
    console.error('usage: password-sign-in.ts <username> <password>   (OIDC_ISSUER or KEYCLOAK_URL/KEYCLOAK_PORT, OIDC_CLIENT_ID, PORTAL_URL)');
    process.exit(2);
  }
  const issuer = oidcIssuer();
  const portal = process.env.PORTAL_URL ?? 'http://127.0.0.1:4000';
  signInWithPassword({ issuer, clientId: process.env.OIDC_CLIENT_ID ?? 'thidua-portal', redirectUri: `${portal}/auth/callback`, username, password }).then(
    (tokens) => console.log(tokens.accessToken),
    (error: unknown) => {
      console.error('[sign-in]', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
