import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { REPORT_STATUS, day, label, num } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, Success, describedBy } from '../ui';

interface Report {
  id: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  evidenceUrl: string | null;
  status: string;
  target: { name: string; unitOfMeasure: string };
  revisions: { previousValue: number; value: number; reason: string; revisedAt: string }[];
  enrollment?: { campaign: { title: string }; unit: { name: string }; member: { fullName: string } | null };
}

const REPORT_FIELDS = `id periodStart periodEnd value evidenceUrl status target { name unitOfMeasure } revisions { previousValue value reason revisedAt }`;
const PENDING = `query ReportsToConfirm { progressReportsToConfirm(first: 50) { edges { node { ${REPORT_FIELDS} enrollment { campaign { title } unit { name } member { fullName } } } } } }`;
const CAMPAIGNS = `query CheckableCampaigns($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title status } } } }`;
const ENROLLMENTS = `query CampaignEnrollments($id: ID!) { campaign(id: $id) { enrollments(first: 100) { edges { node { id unit { name } member { fullName } } } } } }`;
const REPORTS = `query EnrollmentReports($id: ID!) { enrollment(id: $id) { reports(first: 50) { edges { node { ${REPORT_FIELDS} } } } } }`;
const CONFIRM = `mutation ConfirmReport($id: ID!) { confirmProgressReport(id: $id) { status } }`;
const CORRECT = `mutation CorrectReport($id: ID!, $input: CorrectProgressReportInput!) { correctProgressReport(id: $id, input: $input) { status value } }`;

/** One report: its figures, its history of corrections, and the officer's confirm and correct actions. */
function ReportCard({ report, confirmable, onDone }: { report: Report; confirmable: boolean; onDone(message: string): void }) {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [value, setValue] = useState(String(report.value));
  const [evidenceUrl, setEvidenceUrl] = useState(report.evidenceUrl ?? '');
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = report.id;
  const who = report.enrollment ? `${report.enrollment.member?.fullName ?? report.enrollment.unit.name} · ${report.enrollment.campaign.title}` : null;
  // a confirmed report leaves the list: the page says what was done
  const act = (work: () => Promise<string>) => action.run(async () => {
    const message = await work();
    onDone(message);
    return message;
  });
  return (
    <article className="card" data-testid="progress-report">
      <h3>{report.target.name}: {num(report.value)} {report.target.unitOfMeasure}</h3>
      {who ? <p>{who}</p> : null}
      <p className="muted">Kỳ {day(report.periodStart)} – {day(report.periodEnd)} · <span className="badge">{label(REPORT_STATUS, report.status)}</span>
        {report.evidenceUrl ? <> · <a href={report.evidenceUrl} rel="noopener noreferrer" target="_blank">minh chứng</a></> : null}</p>
      {report.revisions.length ? <ul>{report.revisions.map((r, i) => <li key={i}>Sửa {num(r.previousValue)} → {num(r.value)}: {r.reason}</li>)}</ul> : null}
      {confirmable ? <div><button type="button" onClick={() => act(async () => { await mutate(CONFIRM, { id }, token); return 'Đã xác nhận báo cáo: số liệu được tính.'; })}>Xác nhận</button></div> : null}
      <div className="row">
        <Field id={`value-${id}`} label="Số liệu đúng" problem={action.problem('value')}>
          <input id={`value-${id}`} type="number" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} {...describedBy(`value-${id}`, false, action.problem('value'))} />
        </Field>
        <Field id={`evidence-${id}`} label="Minh chứng" problem={action.problem('evidenceUrl')}>
          <input id={`evidence-${id}`} type="url" value={evidenceUrl} onChange={(e) => setEvidenceUrl(e.target.value)} {...describedBy(`evidence-${id}`, false, action.problem('evidenceUrl'))} />
        </Field>
      </div>
      <Field id={`reason-${id}`} label="Lý do sửa" hint="Lưu cùng lịch sử báo cáo; điểm thi đua tính lại theo số liệu mới." problem={action.problem('reason')}>
        <input id={`reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} {...describedBy(`reason-${id}`, true, action.problem('reason'))} />
      </Field>
      <div><button type="button" className="secondary" onClick={() => act(async () => {
        await mutate(CORRECT, { id, input: { value: Number(value), evidenceUrl: evidenceUrl || null, reason } }, token);
        return 'Đã sửa báo cáo, lý do được lưu.';
      })}>Sửa số liệu</button></div>
      <Outcome error={action.error} done={null} />
    </article>
  );
}

/** The grassroots officer confirms members' own reports before they count, and corrects any report with a reason. */
export function ProgressChecksPage() {
  const { session } = useAuth();
  const pending = useQuery<{ progressReportsToConfirm: { edges: { node: Report }[] } }>(PENDING, {}, !session);
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const campaigns = useQuery<{ campaigns: { edges: { node: { id: string; title: string; status: string } }[] } }>(CAMPAIGNS, { unitId }, !unitId);
  const [campaignId, setCampaignId] = useState('');
  const enrollments = useQuery<{ campaign: { enrollments: { edges: { node: { id: string; unit: { name: string }; member: { fullName: string } | null } }[] } } | null }>(
    ENROLLMENTS, { id: campaignId }, !campaignId);
  const [enrollmentId, setEnrollmentId] = useState('');
  const reports = useQuery<{ enrollment: { reports: { edges: { node: Report }[] } } | null }>(REPORTS, { id: enrollmentId }, !enrollmentId);
  const waiting = pending.data?.progressReportsToConfirm.edges.map((e) => e.node) ?? [];
  const list = enrollments.data?.campaign?.enrollments.edges.map((e) => e.node) ?? [];
  const chosen = reports.data?.enrollment?.reports.edges.map((e) => e.node) ?? null;
  const [message, setMessage] = useState<string | null>(null);
  const refresh = (text: string) => { setMessage(text); pending.reload(); if (enrollmentId) reports.reload(); };
  return (
    <Page title="Xác nhận và sửa báo cáo tiến độ">
      <h2>Báo cáo của đoàn viên chờ xác nhận</h2>
      <p className="muted">Đoàn viên tự báo cáo thì số liệu chỉ được tính sau khi cán bộ công đoàn cơ sở xác nhận.</p>
      <ErrorBox error={pending.error} />
      {message ? <Success>{message}</Success> : null}
      {pending.loading && !pending.data ? <Loading /> : null}
      {pending.data && waiting.length === 0 ? <Empty>Không có báo cáo nào chờ xác nhận.</Empty> : null}
      {waiting.length ? <DownloadButton label="Tải Excel báo cáo chờ xác nhận" testId="reports-to-confirm-excel" href="/exports/campaigns/reports-to-confirm.xlsx" /> : null}
      <div className="grid">{waiting.map((r) => <ReportCard key={r.id} report={r} confirmable onDone={refresh} />)}</div>

      <h2>Sửa báo cáo đã gửi</h2>
      <div className="row">
        <Field id="campaign" label="Phong trào">
          <select id="campaign" value={campaignId} onChange={(e) => { setCampaignId(e.target.value); setEnrollmentId(''); }}>
            <option value="">Chọn phong trào…</option>
            {campaigns.data?.campaigns.edges.filter((e) => e.node.status !== 'DRAFT').map(({ node }) => <option key={node.id} value={node.id}>{node.title}</option>)}
          </select>
        </Field>
        {list.length ? (
          <Field id="enrollment" label="Đơn vị / đoàn viên">
            <select id="enrollment" value={enrollmentId} onChange={(e) => setEnrollmentId(e.target.value)}>
              <option value="">Chọn…</option>
              {list.map((e) => <option key={e.id} value={e.id}>{e.member ? `${e.member.fullName} (${e.unit.name})` : e.unit.name}</option>)}
            </select>
          </Field>
        ) : null}
      </div>
      <ErrorBox error={campaigns.error ?? enrollments.error ?? reports.error} />
      {chosen && chosen.length === 0 ? <Empty>Chưa có báo cáo nào.</Empty> : null}
      <div className="grid">{chosen?.map((report) => <ReportCard key={report.id} report={report} confirmable={false} onDone={refresh} />)}</div>
    </Page>
  );
}
