import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { COUNCIL_POSITION, label } from '../format';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page } from '../ui';
import type { CouncilRule } from '../../../services/reward/src/domain/council-rule';

interface Seat {
  id: string;
  accountId: string;
  fullName: string;
  position: string;
}

interface AccountOption {
  id: string;
  fullName: string;
  username: string;
  roles: string[];
  member: { id: string } | null;
}

const COUNCIL = `query CouncilMembers($unitId: ID) { council(unitId: $unitId) {
  unitName members { id accountId fullName position } rules { code formCodes quorumShare majorityShare majorityStrict minMembers source verified }
} }`;
const ACCOUNTS = `query CouncilAccounts($unitId: ID) { accounts(unitId: $unitId, first: 100) { edges { node { id fullName username roles member { id } } } } }`;
const ADD = `mutation AddCouncilMember($unitId: ID!, $input: CouncilMemberInput!) { addCouncilMember(unitId: $unitId, input: $input) { id fullName } }`;
const REMOVE = `mutation RemoveCouncilMember($id: ID!) { removeCouncilMember(id: $id) { id fullName } }`;

const share = (value: number) => `${Math.round(value * 100)}%`;

/** The quorum and majority the council decides by, each with its legal source. */
function RuleList({ rules }: { rules: CouncilRule[] }) {
  return (
    <ul data-testid="council-rules">
      {rules.map((r) => (
        <li key={r.code}>
          {r.formCodes.length ? `Với ${r.formCodes.join(', ')}: ` : 'Mọi hình thức khác: '}
          dự họp từ {share(r.quorumShare)} số thành viên; tán thành {r.majorityStrict ? 'quá' : 'từ'} {share(r.majorityShare)} số thành viên được biểu quyết; Hội đồng có ít nhất {r.minMembers} thành viên.{' '}
          <span className="muted">Căn cứ: {r.source}{r.verified ? '' : ' (chưa đối chiếu)'}</span>
        </li>
      ))}
    </ul>
  );
}

/** The unit's officer seats accounts on its council (Hội đồng Thi đua - Khen thưởng) and ends seats. */
export function CouncilMembersPage() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const council = useQuery<{ council: { unitName: string; members: Seat[]; rules: CouncilRule[] } }>(COUNCIL, { unitId }, !unitId);
  const accounts = useQuery<{ accounts: { edges: { node: AccountOption }[] } }>(ACCOUNTS, { unitId }, !unitId);
  const [accountId, setAccountId] = useState('');
  const [position, setPosition] = useState('MEMBER');
  const action = useAction();
  const seated = new Set(council.data?.council.members.map((m) => m.accountId) ?? []);
  const candidates = (accounts.data?.accounts.edges.map((e) => e.node) ?? []).filter((a) => a.roles.includes('COUNCIL_MEMBER') && !seated.has(a.id));

  const add = () =>
    action.run(async () => {
      const account = candidates.find((a) => a.id === accountId);
      const input = { accountId, fullName: account?.fullName ?? '', position, memberId: account?.member?.id ?? null };
      const { addCouncilMember } = await mutate<{ addCouncilMember: { fullName: string } }>(ADD, { unitId, input }, token);
      setAccountId('');
      council.reload();
      return `Đã bổ sung ${addCouncilMember.fullName} vào Hội đồng`;
    });
  const remove = (seat: Seat) =>
    action.run(async () => {
      await mutate(REMOVE, { id: seat.id }, token);
      council.reload();
      return `${seat.fullName} thôi là thành viên Hội đồng`;
    });

  return (
    <Page title="Thành viên Hội đồng thi đua, khen thưởng">
      <ErrorBox error={council.error ?? accounts.error} />
      {council.loading && !council.data ? <Loading /> : null}
      {council.data ? (
        <>
          <p>{council.data.council.unitName}: {council.data.council.members.length} thành viên.</p>
          <RuleList rules={council.data.council.rules} />
          {council.data.council.members.length === 0 ? <Empty>Hội đồng chưa có thành viên: chưa phiên họp nào đủ số thành viên để quyết định.</Empty> : null}
          <ul className="stack">
            {council.data.council.members.map((m) => (
              <li key={m.id} data-testid="council-member">
                {m.fullName} · {label(COUNCIL_POSITION, m.position)}{' '}
                <button type="button" className="secondary" onClick={() => remove(m)}>Thôi làm thành viên</button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Bổ sung thành viên</h2>
      <div className="row">
        <Field id="council-account" label="Tài khoản" problem={action.problem('accountId')} hint="Tài khoản có vai trò Thành viên Hội đồng thi đua khen thưởng của đơn vị">
          <select id="council-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">Chọn…</option>
            {candidates.map((a) => <option key={a.id} value={a.id}>{a.fullName} ({a.username})</option>)}
          </select>
        </Field>
        <Field id="council-position" label="Chức danh trong Hội đồng" problem={action.problem('position')}>
          <select id="council-position" value={position} onChange={(e) => setPosition(e.target.value)}>
            {Object.entries(COUNCIL_POSITION).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </Field>
      </div>
      <div>
        <button type="button" onClick={add} disabled={action.busy}>Bổ sung vào Hội đồng</button>
      </div>
      <Outcome error={action.problems.length ? null : action.error} done={action.done} />
    </Page>
  );
}
