import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, mutate, request, type Problem } from '../api';
import { useAuth, type Role } from '../auth';
import { DownloadButton, query as downloadQuery } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, Success, problemFor } from '../ui';
import { ROLE_NAMES } from '../../../services/common/src/names';
import { UnitPicker, type UnitChoice } from '../unit-picker';

export { ROLE_NAMES };

interface Account {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  roles: Role[];
  enabled: boolean;
  unit: UnitChoice | null;
  member: { fullName: string } | null;
}

const SETUP = `query AccountSetup { grantableRoles myUnit { id name path level } }`;
const ACCOUNTS = `query Accounts($search: String, $after: String) {
  accounts(search: $search, first: 50, after: $after) {
    edges { node { id username fullName email roles enabled unit { id name path level } member { fullName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNIT_MEMBERS = `query UnitMembers($unitId: ID!) { members(unitId: $unitId, first: 100) { edges { node { id fullName } } } }`;
const CREATE = `mutation CreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { temporaryPassword account { id username } } }`;
const SET_ENABLED = `mutation SetAccountEnabled($id: ID!, $enabled: Boolean!) { setAccountEnabled(id: $id, enabled: $enabled) { id enabled } }`;
const UPDATE = `mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id username } }`;
const RESET = `mutation ResetAccountPassword($id: ID!) { resetAccountPassword(id: $id) { temporaryPassword account { username } } }`;

/** A password shown once: the officer hands it over; the person replaces it at their first sign-in. */
function TemporaryPassword({ username, password }: { username: string; password: string }) {
  return (
    <Success>
      Tài khoản <strong>{username}</strong>: mật khẩu tạm thời <code data-testid="temporary-password">{password}</code>. Mật khẩu chỉ hiện một lần; người dùng đặt
      mật khẩu mới khi đăng nhập lần đầu.
    </Success>
  );
}

/**
 * Sửa tài khoản: its roles, unit and whether it may sign in. A role the officer may not grant is shown but cannot be
 * ticked; the API refuses an account beyond the officer (a national admin's, another province's) in its own words.
 */
function EditAccountForm({ account, roles, own, onSaved, onCancel }: { account: Account; roles: Role[]; own: UnitChoice | null; onSaved(message: string): void; onCancel(): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [unit, setUnit] = useState<UnitChoice | null>(account.unit);
  const [chosen, setChosen] = useState<Role[]>(account.roles);
  const [enabled, setEnabled] = useState(account.enabled);
  const action = useAction();
  const id = `edit-${account.id}`;
  const shown = [...roles, ...account.roles.filter((r) => !roles.includes(r))];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      // a member's own account sits where the member does: its unit is not chosen here
      await mutate(UPDATE, { id: account.id, input: { roles: chosen, ...(account.member ? {} : { unitId: unit?.id ?? null }) } }, token);
      if (enabled !== account.enabled) await mutate(SET_ENABLED, { id: account.id, enabled }, token);
      const message = `Đã lưu tài khoản ${account.username}.`;
      onSaved(message);
      return message;
    });
  };
  const problem = action.problem;
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="edit-account">
      <h2 id={`${id}-title`}>Sửa tài khoản {account.username}</h2>
      {account.member ? (
        <p className="muted">Tài khoản của đoàn viên {account.member.fullName}: đơn vị theo nơi đoàn viên sinh hoạt.</p>
      ) : (
        <UnitPicker own={own} value={unit} onChange={setUnit} problem={problem('unitId')} idPrefix={`${id}-`} />
      )}
      <fieldset aria-describedby={problem('roles') ? `${id}-roles-error` : undefined}>
        <legend>Vai trò</legend>
        {shown.map((role) => (
          <label key={role}>
            <input type="checkbox" style={{ width: 'auto' }} checked={chosen.includes(role)} disabled={!roles.includes(role)}
              onChange={() => setChosen(chosen.includes(role) ? chosen.filter((r) => r !== role) : [...chosen, role])} />{' '}
            {ROLE_NAMES[role] ?? role}{roles.includes(role) ? null : <span className="muted"> (bạn không cấp được vai trò này)</span>}
          </label>
        ))}
        {problem('roles') ? <small id={`${id}-roles-error`} className="field-error" role="alert">{problem('roles')}</small> : null}
      </fieldset>
      <label>
        <input type="checkbox" style={{ width: 'auto' }} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Được đăng nhập (bỏ chọn để khóa tài khoản)
      </label>
      <Outcome error={action.problems.length ? null : action.error} done={null} />
      <div className="row">
        <button type="submit" disabled={action.busy}>{action.busy ? 'Đang lưu…' : 'Lưu thay đổi'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Thôi</button>
      </div>
    </form>
  );
}

function CreateAccountForm({ roles, own, onCreated }: { roles: Role[]; own: UnitChoice | null; onCreated(username: string, password: string): void }) {
  const { session } = useAuth();
  const [form, setForm] = useState({ username: '', fullName: '', email: '' });
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [chosen, setChosen] = useState<Role[]>([]);
  const [memberId, setMemberId] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const members = useQuery<{ members: { edges: { node: { id: string; fullName: string } }[] } }>(UNIT_MEMBERS, { unitId: unit?.id }, unit?.level !== 'GRASSROOTS');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const input = { ...form, email: form.email || null, roles: chosen, unitId: memberId ? null : (unit?.id ?? null), memberId: memberId || null };
      const { createAccount } = await mutate<{ createAccount: { temporaryPassword: string; account: { username: string } } }>(CREATE, { input }, session?.token ?? null);
      onCreated(createAccount.account.username, createAccount.temporaryPassword);
      setForm({ username: '', fullName: '', email: '' });
      setChosen([]);
      setMemberId('');
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    } finally {
      setBusy(false);
    }
  };
  const problem = (field: string) => problemFor(problems, field);
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="create-account">
      <h2 id="create-account">Tạo tài khoản</h2>
      <div className="row">
        <Field id="username" label="Tên đăng nhập" problem={problem('username')} hint="Chữ thường không dấu, chữ số và . _ -; ví dụ: canbo.maybg">
          <input id="username" value={form.username} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} aria-describedby="username-hint" />
        </Field>
        <Field id="fullName" label="Họ và tên" problem={problem('fullName')}>
          <input id="fullName" value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />
        </Field>
        <Field id="email" label="Thư điện tử (không bắt buộc)" problem={problem('email')}>
          <input id="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </Field>
      </div>
      <UnitPicker own={own} value={unit} onChange={(u) => { setUnit(u); setMemberId(''); }} problem={problem('unitId')} />
      {unit?.level === 'GRASSROOTS' ? (
        <Field id="memberId" label="Tài khoản của đoàn viên (không bắt buộc)" problem={problem('memberId')}>
          <select id="memberId" value={memberId} onChange={(e) => setMemberId(e.target.value)}>
            <option value="">— Không gắn với đoàn viên —</option>
            {members.data?.members.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.fullName}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <fieldset>
        <legend>Vai trò</legend>
        {roles.map((role) => (
          <label key={role}>
            <input type="checkbox" style={{ width: 'auto' }} checked={chosen.includes(role)} onChange={() => setChosen(chosen.includes(role) ? chosen.filter((r) => r !== role) : [...chosen, role])} />{' '}
            {ROLE_NAMES[role] ?? role}
          </label>
        ))}
        {problem('roles') ? <small className="field-error" role="alert">{problem('roles')}</small> : null}
      </fieldset>
      <ErrorBox error={problems.length ? null : error} />
      <div>
        <button type="submit" disabled={busy}>{busy ? 'Đang tạo…' : 'Tạo tài khoản'}</button>
      </div>
    </form>
  );
}

/** Quản lý tài khoản: the accounts of the officer's subtree (all, for national admins), made, disabled and reset here. */
export function AccountsPage() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const setup = useQuery<{ grantableRoles: Role[]; myUnit: UnitChoice | null }>(SETUP, {}, !session);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const list = useQuery<{ accounts: { edges: { node: Account }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(ACCOUNTS, { search: query || null }, !session);
  const [more, setMore] = useState<{ accounts: Account[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => setMore(null), [list.data]);
  if (!session) return <Page title="Quản lý tài khoản"><p>Hãy đăng nhập bằng tài khoản cán bộ công đoàn.</p></Page>;

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const accounts = [...(list.data?.accounts.edges.map((e) => e.node) ?? []), ...(more?.accounts ?? [])];
  const pageInfo = more ?? list.data?.accounts.pageInfo;
  const loadMore = async () => {
    const next = await request<{ accounts: { edges: { node: Account }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(ACCOUNTS, { search: query || null, after: pageInfo?.endCursor }, token);
    if (next.data) setMore({ accounts: [...(more?.accounts ?? []), ...next.data.accounts.edges.map((e) => e.node)], ...next.data.accounts.pageInfo });
  };
  return (
    <Page title="Quản lý tài khoản">
      <p className="muted">
        {setup.data?.myUnit ? `Tài khoản của ${setup.data.myUnit.name} và các đơn vị trực thuộc.` : 'Tài khoản của mọi đơn vị.'} Mỗi thay đổi được ghi vào nhật ký kiểm tra.
      </p>
      {shown ? <TemporaryPassword {...shown} /> : null}
      {saved ? <Success>{saved}</Success> : null}
      <ErrorBox error={error ?? setup.error ?? list.error} />
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
        }}
      >
        <Field id="account-search" label="Tìm theo họ tên hoặc tên đăng nhập (có dấu hoặc không dấu)">
          <input id="account-search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <div>
          <button type="submit" className="secondary">Tìm</button>
        </div>
      </form>
      {list.loading ? <Loading /> : null}
      {!list.loading && accounts.length === 0 ? <Empty>Không có tài khoản nào.</Empty> : null}
      {accounts.length ? <DownloadButton label="Tải Excel danh sách tài khoản" testId="accounts-excel" href={`/exports/accounts/list.xlsx${downloadQuery({ search: query })}`} /> : null}
      {accounts.length ? (
        <div className="table-wrap">
          <table data-testid="accounts">
            <thead>
              <tr><th>Họ và tên</th><th>Tên đăng nhập</th><th>Đơn vị</th><th>Vai trò</th><th>Trạng thái</th><th>Thao tác</th></tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>{a.fullName}{a.member ? <span className="muted"> (đoàn viên)</span> : null}</td>
                  <td>{a.username}</td>
                  <td>{a.unit?.name ?? '—'}</td>
                  <td>{a.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}</td>
                  <td>{a.enabled ? 'Đang hoạt động' : 'Đã khóa'}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={`Sửa tài khoản ${a.username}`} onClick={() => { setSaved(null); setEditing(a); }}>
                      Sửa
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => act(async () => void (await mutate(SET_ENABLED, { id: a.id, enabled: !a.enabled }, token)))}>
                      {a.enabled ? 'Khóa' : 'Mở khóa'}
                    </button>{' '}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        act(async () => {
                          const { resetAccountPassword } = await mutate<{ resetAccountPassword: { temporaryPassword: string; account: { username: string } } }>(RESET, { id: a.id }, token);
                          setShown({ username: resetAccountPassword.account.username, password: resetAccountPassword.temporaryPassword });
                        })
                      }
                    >
                      Cấp lại mật khẩu
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pageInfo?.hasNextPage ? <button type="button" className="secondary" onClick={() => void loadMore()}>Xem thêm</button> : null}
      {editing && setup.data ? (
        <EditAccountForm key={editing.id} account={editing} roles={setup.data.grantableRoles} own={setup.data.myUnit}
          onSaved={(message) => { setSaved(message); setEditing(null); list.reload(); }} onCancel={() => setEditing(null)} />
      ) : null}
      {setup.data ? (
        <CreateAccountForm
          roles={setup.data.grantableRoles}
          own={setup.data.myUnit}
          onCreated={(username, password) => {
            setShown({ username, password });
            list.reload();
          }}
        />
      ) : null}
    </Page>
  );
}
