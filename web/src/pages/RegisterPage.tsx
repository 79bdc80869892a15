import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { request } from '../api';
import { useAuth } from '../auth';
import { DownloadButton, query } from '../downloads';
import { CORRECTION_KIND, day, label, rewardVnd } from '../format';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Page } from '../ui';
import FORMS from '../../../gateway/public-operations/portal-reward-forms.graphql?raw';
import REGISTER from '../../../gateway/public-operations/portal-reward-register.graphql?raw';

interface Decision {
  id: string;
  number: string;
  decidedOn: string;
  formName: string;
  subjectName: string;
  unitName: string;
  grantingUnitName: string;
  reason: string;
  amountVnd: number;
  adHoc: boolean;
  daysToDecision: number;
  status: 'VALID' | 'REVOKED';
  revocation: { kind: string; number: string; revokedOn: string } | null;
}


interface Filter {
  search: string;
  formCode: string;
  from: string;
  to: string;
  adHoc: boolean;
}

/** Public: every reward decision, searchable with or without diacritics, filtered by form, dates and ad-hoc rewards. */
export function RegisterPage() {
  const { session } = useAuth();
  const [draft, setDraft] = useState<Filter>({ search: '', formCode: '', from: '', to: '', adHoc: false });
  const [filter, setFilter] = useState<Filter>(draft);
  const [more, setMore] = useState<Decision[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const variables = {
    filter: { search: filter.search || null, formCode: filter.formCode || null, from: filter.from || null, to: filter.to || null, adHoc: filter.adHoc ? true : null },
    first: 20,
  };
  const { data, error, loading } = useQuery<{ rewardDecisions: { edges: { node: Decision }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(REGISTER, variables);
  const forms = useQuery<{ rewardForms: { code: string; name: string }[] }>(FORMS);
  const rows = [...(data?.rewardDecisions.edges.map((e) => e.node) ?? []), ...more];
  const next = more.length ? cursor : (data?.rewardDecisions.pageInfo.hasNextPage ? data.rewardDecisions.pageInfo.endCursor : null);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setMore([]);
    setCursor(null);
    setFilter(draft);
  };
  const loadMore = async () => {
    const page = await request<{ rewardDecisions: { edges: { node: Decision }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(REGISTER, { ...variables, after: next }, session?.token ?? null);
    setMore((previous) => [...previous, ...(page.data?.rewardDecisions.edges.map((e) => e.node) ?? [])]);
    setCursor(page.data?.rewardDecisions.pageInfo.hasNextPage ? page.data.rewardDecisions.pageInfo.endCursor : null);
  };

  return (
    <Page
      title="Sổ khen thưởng công khai"
      actions={<DownloadButton label="Tải Excel" testId="register-excel" href={`/exports/rewards/register.xlsx${query(variables.filter)}`} />}
    >
      <p className="muted">Mọi quyết định khen thưởng: ai, hình thức nào, đơn vị nào, vì sao, ngày nào, mức tiền.</p>
      <form className="stack" onSubmit={search} role="search" aria-label="Tìm quyết định khen thưởng">
        <div className="row">
          <Field id="search" label="Tìm kiếm (có dấu hoặc không dấu)">
            <input id="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} placeholder="vd. cuu nguoi, Nguyễn Thị Hoa" />
          </Field>
          <Field id="form" label="Hình thức">
            <select id="form" value={draft.formCode} onChange={(e) => setDraft({ ...draft, formCode: e.target.value })}>
              <option value="">Tất cả</option>
              {forms.data?.rewardForms.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
            </select>
          </Field>
        </div>
        <div className="row">
          <Field id="from" label="Từ ngày"><input id="from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} /></Field>
          <Field id="to" label="Đến ngày"><input id="to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} /></Field>
          <div className="field">
            <label><input type="checkbox" style={{ width: 'auto' }} checked={draft.adHoc} onChange={(e) => setDraft({ ...draft, adHoc: e.target.checked })} /> Chỉ khen thưởng đột xuất</label>
          </div>
          <button type="submit">Tìm</button>
        </div>
      </form>
      <ErrorBox error={error} />
      {loading ? <Loading /> : null}
      {!loading && rows.length === 0 ? <Empty>Không có quyết định nào phù hợp.</Empty> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table data-testid="register">
            <thead>
              <tr><th>Số, ngày</th><th>Người / tập thể</th><th>Hình thức</th><th>Lý do</th><th className="number">Mức thưởng</th><th>Văn bản</th></tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/rewards/decisions/${d.id}`}>{d.number}</Link><br /><span className="muted">{day(d.decidedOn)}</span>
                    {d.revocation ? <><br /><span className="badge badge-red">{label(CORRECTION_KIND, d.revocation.kind)} số {d.revocation.number}</span></> : null}
                  </td>
                  <td>{d.subjectName}<br /><span className="muted">{d.unitName}</span></td>
                  <td>{d.formName}{d.adHoc ? <> <span className="badge badge-red">Đột xuất</span></> : null}<br /><span className="muted">{d.grantingUnitName}</span></td>
                  <td>{d.reason}<br /><span className="muted">{d.daysToDecision} ngày từ thành tích đến quyết định</span></td>
                  <td className="number">{rewardVnd(d.amountVnd) ?? '—'}</td>
                  <td>
                    <a href={`/documents/rewards/decisions/${d.id}.pdf?download`} download aria-label={`Tải PDF quyết định số ${d.number}`}>Tải PDF</a>
                    {d.revocation ? null : <><br /><a href={`/documents/rewards/decisions/${d.id}/certificate.pdf?download`} download aria-label={`Tải PDF giấy khen, bằng khen của ${d.subjectName}`}>Giấy khen (PDF)</a></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? <p><button type="button" className="secondary" onClick={loadMore}>Xem thêm</button></p> : null}
    </Page>
  );
}
