import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';

/** Roles as the provider's access tokens carry them. */
export type Role = 'NATIONAL_ADMIN' | 'UNIT_OFFICER' | 'REVIEWER' | 'COUNCIL_MEMBER' | 'EDITOR' | 'MEMBER' | 'EMPLOYER' | 'NEWS_CHANNEL';

export interface Session {
  /** The access token sent to the gateway. */
  token: string;
  name: string;
  roles: Role[];
  unitPath: string | null;
  expiresAt: number;
}

interface AuthValue {
  session: Session | null;
  /** False until the portal knows whether a session can be restored (after a reload). */
  ready: boolean;
  /** Goes to the provider's sign-in page; back to `returnTo`, or to the person's home for their role. */
  signIn(returnTo?: string): void;
  /** Ends the session at the provider too, then comes back to the public home page. */
  signOut(): void;
  has(...roles: Role[]): boolean;
}

/** The portal's client at the provider, as the gateway serves it. */
interface PortalConfig {
  authority: string;
  clientId: string;
}

/** Not a token: only "this tab was signed in", so a reload tries to restore the session (and strangers' visits do not). */
const SIGNED_IN_HINT = 'thidua.signed-in';

let manager: Promise<UserManager> | undefined;

/**
 * Authorization Code + PKCE with oidc-client-ts. Tokens live only in this page's memory (never in localStorage); the
 * PKCE state survives the redirect in this tab's sessionStorage; the access token is renewed with the refresh token a
 * minute before it expires; after a reload a hidden frame asks the provider for the session it still has.
 */
export function userManager(): Promise<UserManager> {
  // the library is a chunk of its own, fetched alongside the configuration
  manager ??= Promise.all([fetch('/portal-config.json').then((response) => response.json() as Promise<PortalConfig>), import('oidc-client-ts')]).then(
    ([{ authority, clientId }, { InMemoryWebStorage, UserManager, WebStorageStateStore }]) =>
      new UserManager({
        authority,
        client_id: clientId,
        redirect_uri: `${window.location.origin}/auth/callback`,
        silent_redirect_uri: `${window.location.origin}/auth/silent`,
        post_logout_redirect_uri: `${window.location.origin}/`,
        response_type: 'code',
        scope: 'openid profile email',
        ui_locales: 'vi',
        automaticSilentRenew: true,
        loadUserInfo: false,
        monitorSession: false,
        userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
        stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      }),
  );
  return manager;
}

/** The claims the portal shapes its menus with; every call is authorised by the API on the token itself. */
function sessionOf(user: User): Session {
  const [, payload = ''] = user.access_token.split('.');
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return {
    token: user.access_token,
    name: typeof claims.name === 'string' ? claims.name : String(claims.preferred_username ?? claims.sub ?? ''),
    roles: Array.isArray(claims.roles) ? (claims.roles as Role[]) : [],
    unitPath: typeof claims.unit_path === 'string' ? claims.unit_path : null,
    expiresAt: (user.expires_at ?? 0) * 1000,
  };
}

/** Where each role starts its work. */
export function homeFor(roles: Role[]): string {
  if (roles.includes('NATIONAL_ADMIN')) return '/national';
  if (roles.includes('UNIT_OFFICER')) return '/dashboard';
  if (roles.includes('COUNCIL_MEMBER')) return '/work/council';
  if (roles.includes('REVIEWER')) return '/work/reviews';
  if (roles.includes('EDITOR')) return '/work/editor';
  return '/';
}

function startSignIn(returnTo?: string): void {
  void userManager().then((m) => m.signinRedirect({ state: { returnTo } }));
}

/** After the provider's redirect: finishes signing in and says where to go (where the person was, or their home). */
export async function completeSignIn(): Promise<string> {
  const user = await (await userManager()).signinRedirectCallback();
  sessionStorage.setItem(SIGNED_IN_HINT, '1');
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
  return returnTo ?? homeFor(sessionOf(user).roles);
}

let expiring = false;

/** The session ended at the provider (it expired, or an officer ended it): sign in again and come back here. */
export function sessionExpired(): void {
  if (expiring) return;
  expiring = true;
  startSignIn(`${window.location.pathname}${window.location.search}`);
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let active = true;
    const loaded = (user: User): void => {
      if (active) setSession(sessionOf(user));
    };
    const unloaded = (): void => {
      if (active) setSession(null);
    };
    void userManager().then(async (m) => {
      m.events.addUserLoaded(loaded);
      m.events.addUserUnloaded(unloaded);
      m.events.addSilentRenewError(sessionExpired);
      const user = await m.getUser();
      if (user && !user.expired) loaded(user);
      else if (sessionStorage.getItem(SIGNED_IN_HINT) && window.location.pathname !== '/auth/callback') {
        await m.signinSilent().catch(() => sessionStorage.removeItem(SIGNED_IN_HINT));
      }
      if (active) setReady(true);
    });
    return () => {
      active = false;
      void userManager().then((m) => {
        m.events.removeUserLoaded(loaded);
        m.events.removeUserUnloaded(unloaded);
        m.events.removeSilentRenewError(sessionExpired);
      });
    };
  }, []);
  const value = useMemo<AuthValue>(
    () => ({
      session,
      ready,
      signIn: startSignIn,
      signOut() {
        sessionStorage.removeItem(SIGNED_IN_HINT);
        void userManager().then((m) => m.signoutRedirect());
      },
      has: (...roles) => !!session && session.roles.some((role) => roles.includes(role)),
    }),
    [session, ready],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
