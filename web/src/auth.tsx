import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** Roles as the gateway's tokens carry them. */
export type Role = 'NATIONAL_ADMIN' | 'UNIT_OFFICER' | 'REVIEWER' | 'COUNCIL_MEMBER' | 'EDITOR' | 'MEMBER' | 'EMPLOYER' | 'NEWS_CHANNEL';

export interface Session {
  token: string;
  name: string;
  roles: Role[];
  unitPath: string | null;
  expiresAt: number;
}

interface AuthValue {
  session: Session | null;
  signIn(token: string): Session;
  signOut(): void;
  has(...roles: Role[]): boolean;
}

const STORAGE_KEY = 'thidua.token';

/**
 * Reads the claims the portal needs to shape its menus. The token is verified by the gateway on every call; this
 * decoding only decides what to show.
 */
export function decodeToken(token: string): Session {
  const [, payload] = token.trim().split('.');
  if (!payload) throw new Error('Mã đăng nhập không đúng định dạng JWT');
  const json = JSON.parse(decodeURIComponent(escape(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))))) as Record<string, unknown>;
  const expiresAt = typeof json.exp === 'number' ? json.exp * 1000 : 0;
  if (expiresAt && expiresAt < Date.now()) throw new Error('Mã đăng nhập đã hết hạn');
  return {
    token: token.trim(),
    name: typeof json.name === 'string' ? json.name : String(json.sub ?? ''),
    roles: Array.isArray(json.roles) ? (json.roles as Role[]) : [],
    unitPath: typeof json.unit_path === 'string' ? json.unit_path : null,
    expiresAt,
  };
}

function restore(): Session | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  try {
    return decodeToken(token);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(restore);
  const value = useMemo<AuthValue>(
    () => ({
      session,
      signIn(token) {
        const next = decodeToken(token);
        sessionStorage.setItem(STORAGE_KEY, next.token);
        setSession(next);
        return next;
      },
      signOut() {
        sessionStorage.removeItem(STORAGE_KEY);
        setSession(null);
      },
      has: (...roles) => !!session && session.roles.some((role) => roles.includes(role)),
    }),
    [session],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
