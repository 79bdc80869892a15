/**
 * The one place the platform talks to Keycloak's Admin REST API: as the realm's confidential `thidua-platform`
 * client, whose service account holds only `manage-users`. It creates and changes people's users (name, the
 * `unit_path` and `member_id` their tokens carry, realm roles, enabled), sets temporary passwords and ends sessions.
 * Keycloak's official admin client is ESM-only on preview dependencies; these seven calls are plain fetch.
 */
import { ConflictError, UnavailableError, ValidationError, keycloakRealm, keycloakUrl, type Role } from '@thidua/common';

export interface IdentityProviderSettings {
  /** Keycloak's base URL, e.g. http://127.0.0.1:8080; undefined when the platform uses another OpenID provider. */
  url: string | undefined;
  realm: string;
  clientId: string;
  clientSecret: string | undefined;
}

export function identityProviderSettings(env: Record<string, string | undefined> = process.env): IdentityProviderSettings {
  return { url: keycloakUrl(env), realm: keycloakRealm(env), clientId: env.KEYCLOAK_ADMIN_CLIENT_ID ?? 'thidua-platform', clientSecret: env.KEYCLOAK_ADMIN_CLIENT_SECRET || undefined };
}

/** What the provider keeps of a person's account; the platform's own record is the accounts table. */
export interface ProviderUser {
  username: string;
  fullName: string;
  email: string | null;
  unitPath: string | null;
  memberId: string | null;
  enabled: boolean;
}

interface UserRepresentation {
  id?: string;
  username?: string;
  firstName?: string;
  email?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
  [key: string]: unknown;
}

const CALL_TIMEOUT_MS = 10_000;

function unavailable(detail: string): UnavailableError {
  return new UnavailableError(`Máy chủ đăng nhập (Keycloak) chưa sẵn sàng: ${detail}; hãy thử lại sau ít phút`, { retryable: true });
}

/** Keycloak's field errors (user profile validation) as our problems. */
function providerProblems(body: unknown): ValidationError | null {
  const errors = (body as { errors?: { field?: string; errorMessage?: string }[] } | null)?.errors;
  const single = body as { field?: string; errorMessage?: string } | null;
  const list = errors ?? (single?.field ? [single] : []);
  if (list.length === 0) return null;
  const field = (name: string | undefined) => ({ firstName: 'fullName', unit_path: 'unitId', member_id: 'memberId' })[name ?? ''] ?? name ?? 'input';
  return new ValidationError(list.map((e) => ({ field: field(e.field), message: `Máy chủ đăng nhập không nhận giá trị này (${e.errorMessage ?? 'không rõ lý do'})` })));
}

export class IdentityProvider {
  private token: { value: string; expiresAt: number } | undefined;
  private roleIds = new Map<string, string>();

  constructor(private readonly settings: IdentityProviderSettings) {}

  private get adminBase(): string {
    return `${this.settings.url}/admin/realms/${encodeURIComponent(this.settings.realm)}`;
  }

  /** A service-account token, kept until shortly before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const { url, realm, clientId, clientSecret } = this.settings;
    if (!url || !clientSecret) {
      throw unavailable(url ? 'thiếu KEYCLOAK_ADMIN_CLIENT_SECRET (khóa của client quản lý tài khoản)' : 'nền tảng không dùng Keycloak (KEYCLOAK_URL chưa đặt), nên không quản lý tài khoản được');
    }
    let response: Response;
    try {
      response = await fetch(`${url}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw unavailable((error as Error).message);
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token) throw unavailable(`client ${clientId} không đăng nhập được (${response.status})`);
    this.token = { value: body.access_token, expiresAt: Date.now() + ((body.expires_in ?? 60) - 15) * 1000 };
    return body.access_token;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T | null; location: string | null }> {
    let response: Response;
    try {
      response = await fetch(`${this.adminBase}${path}`, {
        method,
        headers: { authorization: `Bearer ${await this.accessToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof UnavailableError) throw error;
      throw unavailable((error as Error).message);
    }
    const text = await response.text();
    const data = text ? (JSON.parse(text) as T) : null;
    if (response.status === 404 && method === 'GET') return { status: 404, data: null, location: null };
    if (response.status === 409) throw new ConflictError('Tên đăng nhập hoặc thư điện tử này đã có người dùng; hãy chọn tên khác', { field: 'username' });
    if (response.status === 400) throw providerProblems(data) ?? unavailable(`yêu cầu bị từ chối (${text.slice(0, 200)})`);
    if (response.status >= 300) throw unavailable(`${method} ${path} trả lời ${response.status}`);
    return { status: response.status, data, location: response.headers.get('location') };
  }

  private representation(user: ProviderUser): UserRepresentation {
    const attributes: Record<string, string[]> = {};
    if (user.unitPath) attributes.unit_path = [user.unitPath];
    if (user.memberId) attributes.member_id = [user.memberId];
    return { username: user.username, firstName: user.fullName, email: user.email ?? '', enabled: user.enabled, emailVerified: false, attributes };
  }

  /** Creates the user with a temporary password (the person chooses their own at first sign-in); returns its id. */
  async createUser(user: ProviderUser, temporaryPassword: string): Promise<string> {
    const { location } = await this.call('POST', '/users', {
      ...this.representation(user),
      credentials: [{ type: 'password', value: temporaryPassword, temporary: true }],
    });
    const id = location?.split('/').pop();
    if (!id) throw unavailable('không nhận được mã người dùng mới');
    return id;
  }

  async userExists(id: string): Promise<boolean> {
    return (await this.call('GET', `/users/${encodeURIComponent(id)}`)).status === 200;
  }

  /** Writes every field the platform owns, keeping what Keycloak keeps of its own (credentials, required actions). */
  async updateUser(id: string, user: ProviderUser): Promise<void> {
    const { data: current } = await this.call<UserRepresentation>('GET', `/users/${encodeURIComponent(id)}`);
    if (!current) throw unavailable(`tài khoản ${user.username} không còn ở máy chủ đăng nhập`);
    const own = this.representation(user);
    await this.call('PUT', `/users/${encodeURIComponent(id)}`, { ...current, ...own, attributes: { ...(current.attributes ?? {}), unit_path: own.attributes!.unit_path ?? [], member_id: own.attributes!.member_id ?? [] } });
  }

  /** Makes the user's realm roles exactly `roles` (of ours; Keycloak's default roles are left alone). */
  async setRoles(id: string, roles: readonly Role[], managed: readonly Role[]): Promise<void> {
    const user = encodeURIComponent(id);
    const { data: current } = await this.call<{ id: string; name: string }[]>('GET', `/users/${user}/role-mappings/realm`);
    const held = (current ?? []).filter((role) => (managed as readonly string[]).includes(role.name));
    const remove = held.filter((role) => !roles.includes(role.name as Role));
    const missing = roles.filter((role) => !held.some((h) => h.name === role));
    if (remove.length > 0) await this.call('DELETE', `/users/${user}/role-mappings/realm`, remove);
    if (missing.length > 0) await this.call('POST', `/users/${user}/role-mappings/realm`, await this.roleRepresentations(user, missing));
  }

  /** Roles by name with their ids, as Keycloak wants them; read from what the user may be given (no realm-wide rights needed). */
  private async roleRepresentations(user: string, names: readonly Role[]): Promise<{ id: string; name: string }[]> {
    if (names.some((name) => !this.roleIds.has(name))) {
      const { data } = await this.call<{ id: string; name: string }[]>('GET', `/users/${user}/role-mappings/realm/available`);
      for (const role of data ?? []) this.roleIds.set(role.name, role.id);
    }
    return names.map((name) => {
      const id = this.roleIds.get(name);
      if (!id) throw unavailable(`vai trò ${name} chưa có trong realm ${this.settings.realm}`);
      return { id, name };
    });
  }

  async setTemporaryPassword(id: string, password: string): Promise<void> {
    await this.call('PUT', `/users/${encodeURIComponent(id)}/reset-password`, { type: 'password', value: password, temporary: true });
  }

  /** Signs the person out everywhere: their refresh tokens stop working at once. */
  async endSessions(id: string): Promise<void> {
    await this.call('POST', `/users/${encodeURIComponent(id)}/logout`);
  }

  /** Undoes a creation whose record could not be written (nothing half-made stays behind). */
  async deleteUser(id: string): Promise<void> {
    await this.call('DELETE', `/users/${encodeURIComponent(id)}`);
  }
}

let shared: IdentityProvider | undefined;

/** The process's client, from the environment (KEYCLOAK_URL or KEYCLOAK_PORT, KEYCLOAK_REALM, KEYCLOAK_ADMIN_CLIENT_*). */
export function identityProvider(): IdentityProvider {
  return (shared ??= new IdentityProvider(identityProviderSettings()));
}
