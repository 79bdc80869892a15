import { useState, type FormEvent } from 'react';
import { ApiError, mutate, type Problem } from '../api';
import { useAuth } from '../auth';
import { day, num, percent, todayIso } from '../format';
import { usePagedQuery, useQuery, type Connection } from '../hooks';
import { Empty, ErrorBox, Field, MoreButton, Page, Success, problemFor } from '../ui';
import { MY_UNIT, type MyUnit } from '../my-unit';

interface Enrollment {
  id: string;
  completion: number;
  unit: { name: string };
  member: { fullName: string } | null;
  progress: { target: { id: string; name: string; unitOfMeasure: string }; currentValue: number | null; committedValue: number }[];
}

const CAMPAIGNS = `query ReportableCampaigns($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title status } } } }`;
const ENROLLMENTS = `query Enrollments($id: ID!, $search: String, $after: String) { campaign(id: $id) { enrollments(first: 100, after: $after, search: $search) { edges { node {
  id completion unit { name } member { fullName } progress { target { id name unitOfMeasure } currentValue committedValue } } } pageInfo { hasNextPage endCursor } } } }`;
const REPORT = `mutation ReportProgress($input: ReportProgressInput!) { reportProgress(input: $input) { periodStart periodEnd value } }`;

/** Report a period's progress for an enrolled unit or member, against one target. */
export function ReportProgressPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const campaigns = useQuery<{ campaigns: { edges: { node: { id: string; title: string; status: string } }[] } }>(CAMPAIGNS, { unitId }, !unitId);
  const [campaignId, setCampaignId] = useState('');
  const [search, setSearch] = useState('');
  const enrollments = usePagedQuery<{ campaign: { enrollments: Connection<Enrollment> } | null }, Enrollment>(
    ENROLLMENTS, { id: campaignId, search: search.trim() || null }, (d) => d.campaign?.enrollments, !campaignId);
  const [form, setForm] = useState({ enrollmentId: '', targetId: '', periodStart: todayIso().slice(0, 8) + '01', value: '', evidenceUrl: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = enrollments.nodes;
  const chosen = list.find((e) => e.id === form.enrollmentId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    setProblems([]);
    // the API takes a number: an empty field must not reach it as 0, a result nobody reported
    if (!form.value.trim()) {
      setProblems([{ field: 'value', message: 'Nhập kết quả trong kỳ; để trống không được tính là 0' }]);
      return;
    }
    try {
      const input = { enrollmentId: form.enrollmentId, targetId: form.targetId, periodStart: form.periodStart, value: Number(form.value), evidenceUrl: form.evidenceUrl || null };
      const { reportProgress } = await mutate<{ reportProgress: { periodStart: string; periodEnd: string } }>(REPORT, { input }, session?.token ?? null);
      setDone(`Đã ghi nhận báo cáo kỳ ${day(reportProgress.periodStart)} – ${day(reportProgress.periodEnd)}.`);
      enrollments.reload();
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    }
  };
  return (
    <Page title="Báo cáo tiến độ">
      <Field id="campaign" label="Phong trào">
        <select id="campaign" value={campaignId} onChange={(e) => { setCampaignId(e.target.value); setSearch(''); setForm({ ...form, enrollmentId: '', targetId: '' }); }}>
          <option value="">Chọn phong trào…</option>
          {campaigns.data?.campaigns.edges.filter((e) => e.node.status !== 'DRAFT').map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
        </select>
      </Field>
      {campaignId ? (
        <Field id="enrollment-search" label="Tìm đơn vị, đoàn viên tham gia (có dấu hoặc không dấu)">
          <input id="enrollment-search" type="search" value={search} onChange={(e) => { setSearch(e.target.value); setForm({ ...form, enrollmentId: '', targetId: '' }); }} />
        </Field>
      ) : null}
      {campaignId && !enrollments.loading && list.length === 0
        ? <Empty>{search.trim() ? `Không có đơn vị, đoàn viên tham gia nào tên có «${search.trim()}».` : 'Chưa có đơn vị, đoàn viên nào đăng ký tham gia.'}</Empty>
        : null}
      {list.length ? (
        <form className="stack" onSubmit={submit}>
          <Field id="enrollment" label="Đơn vị / đoàn viên tham gia" problem={problemFor(problems, 'enrollmentId')}>
            <select id="enrollment" value={form.enrollmentId} onChange={(e) => setForm({ ...form, enrollmentId: e.target.value, targetId: '' })}>
              <option value="">Chọn…</option>
              {list.map((e) => <option key={e.id} value={e.id}>{e.member ? `${e.member.fullName} (${e.unit.name})` : e.unit.name} — hoàn thành {percent(e.completion)}</option>)}
            </select>
          </Field>
          <MoreButton list={enrollments} shown={list.length} />
          {chosen ? (
            <Field id="target" label="Chỉ tiêu" problem={problemFor(problems, 'targetId')}>
              <select id="target" value={form.targetId} onChange={(e) => setForm({ ...form, targetId: e.target.value })}>
                <option value="">Chọn…</option>
                {chosen.progress.map((p) => <option key={p.target.id} value={p.target.id}>{p.target.name}: {num(p.currentValue)} / {num(p.committedValue)} {p.target.unitOfMeasure}</option>)}
              </select>
            </Field>
          ) : null}
          <div className="row">
            <Field id="period" label="Kỳ báo cáo (ngày đầu kỳ)" problem={problemFor(problems, 'periodStart')}>
              <input id="period" type="date" value={form.periodStart} onChange={(e) => setForm({ ...form, periodStart: e.target.value })} />
            </Field>
            <Field id="value" label="Kết quả trong kỳ" problem={problemFor(problems, 'value')}>
              <input id="value" type="number" inputMode="decimal" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} />
            </Field>
          </div>
          <Field id="evidence" label="Đường dẫn minh chứng (không bắt buộc)" problem={problemFor(problems, 'evidenceUrl')}>
            <input id="evidence" type="url" value={form.evidenceUrl} onChange={(e) => setForm({ ...form, evidenceUrl: e.target.value })} />
          </Field>
          <ErrorBox error={error} />
          {done ? <Success>{done}</Success> : null}
          <div><button type="submit">Gửi báo cáo</button></div>
        </form>
      ) : null}
    </Page>
  );
}
