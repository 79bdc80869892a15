import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { day, todayIso } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, usePagedQuery, useQuery, type Connection } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { Empty, ErrorBox, Field, Loading, MoreButton, Outcome, Page, describedBy } from '../ui';

interface Member {
  id: string;
  fullName: string;
  joinedUnionOn: string | null;
  leftUnionOn: string | null;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
  unit: { id: string; name: string };
  occupation: { name: string } | null;
}

const OCCUPATIONS = `query Occupations { occupations { code name } }`;
const FIND = `query FindMembers($unitId: ID!, $search: String, $after: String) {
  members(unitId: $unitId, search: $search, first: 50, after: $after) { edges { node {
    id fullName joinedUnionOn leftUnionOn isDirectProductionWorker holdsLeadershipPost unit { id name } occupation { name }
  } } pageInfo { hasNextPage endCursor } }
}`;
const CREATE = `mutation CreateMember($input: CreateMemberInput!) { createMember(input: $input) { id fullName unit { name } } }`;
const MOVE = `mutation MoveMember($id: ID!, $unitId: ID!) { moveMember(id: $id, unitId: $unitId) { id unit { name } } }`;
const LEAVE = `mutation MemberLeaves($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id leftUnionOn } }`;

/** One member found: where they belong, and the two changes an officer makes most (a move, a departure). */
function MemberCard({ member, own, onDone }: { member: Member; own: UnitChoice | null; onDone(): void }) {
  const { session } = useAuth();
  const [destination, setDestination] = useState<UnitChoice | null>(null);
  const [leftOn, setLeftOn] = useState(todayIso());
  const move = useAction();
  const leave = useAction();
  const id = member.id;
  return (
    <article className="card" data-testid="member">
      <h3>{member.fullName}</h3>
      <p className="muted">
        {member.unit.name} · {member.occupation?.name ?? '—'}
        {member.isDirectProductionWorker ? ' · trực tiếp sản xuất' : ''}
        {member.holdsLeadershipPost ? ' · giữ chức vụ lãnh đạo' : ''}
      </p>
      <p>Vào công đoàn: {day(member.joinedUnionOn)}{member.leftUnionOn ? ` · đã rời công đoàn ngày ${day(member.leftUnionOn)}` : ''}</p>
      {member.leftUnionOn ? null : (
        <>
          <div className="row">
            <UnitPicker own={own} value={destination} onChange={setDestination} problem={move.problem('unitId')} idPrefix={`move-${id}-`} label="Chuyển sinh hoạt đến" level="GRASSROOTS" />
            <button type="button" disabled={move.busy} onClick={() => void move.run(async () => {
              const { moveMember } = await mutate<{ moveMember: { unit: { name: string } } }>(MOVE, { id, unitId: destination?.id ?? '' }, session?.token ?? null);
              onDone();
              return `Đã chuyển ${member.fullName} sang ${moveMember.unit.name}.`;
            })}>Chuyển</button>
          </div>
          <Outcome error={move.problems.length ? null : move.error} done={move.done} />
          <div className="row">
            <Field id={`left-${id}`} label="Ngày rời công đoàn" problem={leave.problem('leftUnionOn')}>
              <input id={`left-${id}`} type="date" value={leftOn} onChange={(e) => setLeftOn(e.target.value)} {...describedBy(`left-${id}`, false, leave.problem('leftUnionOn'))} />
            </Field>
            <button type="button" disabled={leave.busy} onClick={() => void leave.run(async () => {
              await mutate(LEAVE, { id, input: { leftUnionOn: leftOn || null } }, session?.token ?? null);
              onDone();
              return `Đã ghi nhận ${member.fullName} rời công đoàn.`;
            })}>Ghi nhận rời công đoàn</button>
          </div>
          <Outcome error={leave.problems.length ? null : leave.error} done={leave.done} />
        </>
      )}
    </article>
  );
}

const EMPTY_FORM = { fullName: '', occupationCode: '', isDirectProductionWorker: false, holdsLeadershipPost: false, gender: '', joinedUnionOn: '' };

/** The officer's members: found by name with or without diacritics, added, moved to another grassroots union, or leaving. */
export function MembersPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const mine = unit.data?.myUnit ?? null;
  const occupations = useQuery<{ occupations: { code: string; name: string }[] }>(OCCUPATIONS, {}, !mine);
  const [place, setPlace] = useState<UnitChoice | null>(null);
  const [search, setSearch] = useState('');
  const found = usePagedQuery<{ members: Connection<Member> }, Member>(FIND, { unitId: mine?.id, search: search.trim() || null }, (d) => d.members, !mine);
  const [form, setForm] = useState(EMPTY_FORM);
  const action = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = { ...form, unitId: place?.id ?? '', gender: form.gender || null, joinedUnionOn: form.joinedUnionOn || null };
      const { createMember } = await mutate<{ createMember: { fullName: string; unit: { name: string } } }>(CREATE, { input }, session?.token ?? null);
      setForm({ ...EMPTY_FORM, occupationCode: form.occupationCode });
      found.reload();
      return `Đã thêm ${createMember.fullName} vào ${createMember.unit.name}.`;
    });
  };
  const members = found.nodes;
  return (
    <Page title="Đoàn viên">
      <p className="muted">Đoàn viên của các công đoàn cơ sở thuộc {mine?.name ?? 'đơn vị bạn quản lý'}: tìm theo tên, thêm mới, chuyển sinh hoạt, ghi nhận rời công đoàn.</p>
      <ErrorBox error={unit.error ?? occupations.error} />
      <h2>Thêm đoàn viên</h2>
      <form className="stack" onSubmit={submit} noValidate aria-label="Thêm đoàn viên">
        <UnitPicker own={mine} value={place} onChange={setPlace} problem={p('unitId')} idPrefix="member-" label="Công đoàn cơ sở" level="GRASSROOTS" />
        <div className="row">
          <Field id="member-name" label="Họ và tên" problem={p('fullName')}>
            <input id="member-name" value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} {...describedBy('member-name', false, p('fullName'))} />
          </Field>
          <Field id="member-occupation" label="Nghề nghiệp" problem={p('occupationCode')}>
            <select id="member-occupation" value={form.occupationCode} onChange={(e) => setForm({ ...form, occupationCode: e.target.value })} {...describedBy('member-occupation', false, p('occupationCode'))}>
              <option value="">Chọn…</option>
              {occupations.data?.occupations.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field id="member-gender" label="Giới tính">
            <select id="member-gender" value={form.gender} onChange={(e) => setForm({ ...form, gender: e.target.value })}>
              <option value="">Không ghi</option>
              <option value="FEMALE">Nữ</option>
              <option value="MALE">Nam</option>
            </select>
          </Field>
          <Field id="member-joined" label="Ngày vào công đoàn" problem={p('joinedUnionOn')}>
            <input id="member-joined" type="date" value={form.joinedUnionOn} onChange={(e) => setForm({ ...form, joinedUnionOn: e.target.value })} {...describedBy('member-joined', false, p('joinedUnionOn'))} />
          </Field>
        </div>
        <label className="check"><input type="checkbox" checked={form.isDirectProductionWorker} onChange={(e) => setForm({ ...form, isDirectProductionWorker: e.target.checked })} /> Trực tiếp sản xuất</label>
        <label className="check"><input type="checkbox" checked={form.holdsLeadershipPost} onChange={(e) => setForm({ ...form, holdsLeadershipPost: e.target.checked })} /> Giữ chức vụ lãnh đạo</label>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy || !mine}>Thêm đoàn viên</button></div>
      </form>
      <h2>Tìm đoàn viên</h2>
      <Field id="member-search" label="Tìm theo tên (có dấu hoặc không dấu)">
        <input id="member-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Field>
      <ErrorBox error={found.error} />
      {found.loading && !found.data ? <Loading /> : null}
      {found.data && members.length === 0 ? <Empty>Không tìm thấy đoàn viên nào.</Empty> : null}
      {mine ? <DownloadButton label="Tải Excel danh sách đoàn viên" testId="members-excel" href={`/exports/units/${mine.id}/members.xlsx`} /> : null}
      <div className="grid" data-testid="members">{members.map((m) => <MemberCard key={m.id} member={m} own={mine} onDone={found.reload} />)}</div>
      <MoreButton list={found} shown={members.length} />
    </Page>
  );
}
