/**
 * The run's own realm on the real Keycloak (started by infra/test.sh when none runs): the committed realm file
 * imported under another name with a fresh client secret, so runs never see each other's accounts and a test may
 * change the realm. Created by global-setup, deleted by global-teardown. Needs a master-realm client allowed to
 * create realms: KEYCLOAK_BOOTSTRAP_CLIENT_ID / KEYCLOAK_BOOTSTRAP_CLIENT_SECRET (`keycloak.sh env` prints ours).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakUrl, oidcIssuer } from '@thidua/common';
import { signInWithPassword, type SignedIn } from '../../infra/keycloak/password-sign-in';

export const REALM_FILE = path.resolve(__dirname, '..', '..', 'infra', 'keycloak', 'realm', 'thidua-realm.json');
export const TEST_REALM_PREFIX = 'thidua-test-';
const PORTAL_CLIENT = 'thidua-portal';

function baseUrl(): string {
  const url = keycloakUrl();
  if (!url) throw new Error('The tests need a Keycloak (KEYCLOAK_URL, or ours on KEYCLOAK_PORT); OIDC_ISSUER alone names no admin API');
  return url;
}

/** A token of the master realm's bootstrap client (full admin), for what only tests do to Keycloak. */
export async function masterToken(): Promise<string> {
  const { KEYCLOAK_BOOTSTRAP_CLIENT_ID: id, KEYCLOAK_BOOTSTRAP_CLIENT_SECRET: secret } = process.env;
  if (!id || !secret) throw new Error('Set KEYCLOAK_BOOTSTRAP_CLIENT_ID and KEYCLOAK_BOOTSTRAP_CLIENT_SECRET (eval "$(bash infra/keycloak/keycloak.sh env)")');
  const response = await fetch(`${baseUrl()}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused the bootstrap client: ${body.error_description ?? response.status}`);
  return body.access_token;
}

/** Keycloak's Admin API as the master admin: `path` below /admin/realms. */
export async function keycloakAdmin<T = unknown>(method: string, adminPath: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}/admin/realms${adminPath}`, {
    method,
    headers: { authorization: `Bearer ${await masterToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /admin/realms${adminPath}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Imports the committed realm as `name`; returns the secret of its platform client. */
export async function createRunRealm(name: string): Promise<string> {
  const realm = JSON.parse(readFileSync(REALM_FILE, 'utf8')) as { realm: string; clients: { clientId: string; secret?: string; redirectUris?: string[]; webOrigins?: string[] }[] };
  const secret = randomBytes(24).toString('hex');
  realm.realm = name;
  realm.clients.find((client) => client.clientId === 'thidua-platform')!.secret = secret;
  // the run's gateways listen on ports picked at random, where the committed realm names the portal's own addresses
  Object.assign(realm.clients.find((client) => client.clientId === 'thidua-portal')!, { redirectUris: ['http://127.0.0.1:*'], webOrigins: ['*'] });
  await keycloakAdmin('POST', '', realm);
  return secret;
}

export async function deleteRealm(name: string): Promise<void> {
  await keycloakAdmin('DELETE', `/${encodeURIComponent(name)}`);
}

/** Deletes the test realms on this Keycloak: the run's at its end, and those killed runs left behind at the start. */
export async function deleteRunRealms(): Promise<void> {
  const realms = await keycloakAdmin<{ realm: string }[]>('GET', '?briefRepresentation=true');
  for (const { realm } of realms) if (realm.startsWith(TEST_REALM_PREFIX)) await deleteRealm(realm);
}

/** A person's real tokens for the run's realm, signing in at Keycloak's own pages as the portal would. */
export function signInAs(username: string, password: string, newPassword?: string): Promise<SignedIn> {
  return signInWithPassword({ issuer: oidcIssuer(), clientId: PORTAL_CLIENT, redirectUri: 'http://127.0.0.1:4000/auth/callback', username, password, ...(newPassword ? { newPassword } : {}) });
}

/** The run realm's user with this username, as Keycloak keeps it. */
export async function providerUser(username: string): Promise<{ id: string; enabled: boolean; attributes?: Record<string, string[]>; firstName?: string }> {
  const realm = encodeURIComponent(process.env.KEYCLOAK_REALM!);
  const [user] = await keycloakAdmin<{ id: string; enabled: boolean; attributes?: Record<string, string[]> }[]>('GET', `/${realm}/users?exact=true&username=${encodeURIComponent(username)}`);
  if (!user) throw new Error(`No user ${username} in realm ${process.env.KEYCLOAK_REALM}`);
  return user;
}
