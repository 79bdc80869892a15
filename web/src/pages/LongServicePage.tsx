import { useState } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { day } from '../format';
import { DownloadButton, query } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, YearSelect, thisYear } from '../ui';

interface Candidate {
  member: { id: string };
  fullName: string;
  unitName: string;
  joinedUnionOn: string;
  years: number;
  status: 'DUE' | 'PROPOSED';
}

const LIST = `query LongService($unitId: ID!, $year: Int) { longServiceCandidates(unitId: $unitId, year: $year, first: 100) {
  rule { formName years countedTo source verified } candidates { edges { node { member { id } fullName unitName joinedUnionOn years status } } pageInfo { hasNextPage } }
} }`;
const CONFIRM = `mutation ConfirmLongService($unitId: ID!, $year: Int!, $memberIds: [ID!]!) { confirmLongServiceProposals(unitId: $unitId, year: $year, memberIds: $memberIds) { id } }`;

/** The members of the officer's unit whose years in the union reach the medal's threshold: she confirms whom to propose. */
export function LongServicePage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const [year, setYear] = useState(thisYear());
  const { data, error, loading, reload } = useQuery<{
    longServiceCandidates: { rule: { formName: string; years: number; countedTo: string; source: string; verified: boolean }; candidates: { edges: { node: Candidate }[]; pageInfo: { hasNextPage: boolean } } };
  }>(LIST, { unitId, year }, !unitId);
  const [chosen, setChosen] = useState<string[]>([]);
  const action = useAction();
  const list = data?.longServiceCandidates;
  const candidates = list?.candidates.edges.map((e) => e.node) ?? [];

  const confirm = () =>
    action.run(async () => {
      await mutate(CONFIRM, { unitId, year, memberIds: chosen }, session?.token ?? null);
      const count = chosen.length;
      setChosen([]);
      reload();
      return `Đã đề nghị ${list?.rule.formName ?? 'Kỷ niệm chương'} cho ${count} đoàn viên.`;
    });
  return (
    <Page title="Kỷ niệm chương theo số năm tham gia Công đoàn">
      <ErrorBox error={error} />
      <Field id="year" label="Năm xét tặng">
        <YearSelect id="year" value={year} onChange={(y) => { setYear(y); setChosen([]); }} />
      </Field>
      {list ? (
        <p className="muted" data-testid="long-service-rule">
          {list.rule.formName}: đủ {list.rule.years} năm tham gia tổ chức Công đoàn tính đến {day(list.rule.countedTo)}. Căn cứ: {list.rule.source}
          {list.rule.verified ? '' : ' (chưa đối chiếu văn bản hiện hành: kiểm tra từng người trước khi xác nhận).'}
        </p>
      ) : null}
      {loading && !data ? <Loading /> : null}
      {list && candidates.length === 0 ? <Empty>Không có đoàn viên nào đủ điều kiện trong năm {year}.</Empty> : null}
      {candidates.length > 0 && unitId ? <DownloadButton label={`Tải Excel danh sách năm ${year}`} testId="long-service-excel" href={`/exports/rewards/long-service.xlsx${query({ unitId, year })}`} /> : null}
      {candidates.length ? (
        <div className="table-wrap">
          <table data-testid="long-service">
            <caption className="visually-hidden">Đoàn viên đủ số năm tham gia Công đoàn</caption>
            <thead><tr><th scope="col">Chọn</th><th scope="col">Họ tên</th><th scope="col">Công đoàn cơ sở</th><th scope="col">Ngày vào Công đoàn</th><th scope="col">Số năm</th><th scope="col">Trạng thái</th></tr></thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.member.id}>
                  <td>
                    {c.status === 'DUE' ? (
                      <input type="checkbox" aria-label={`Chọn ${c.fullName}`} checked={chosen.includes(c.member.id)} style={{ width: 'auto' }}
                        onChange={(e) => setChosen(e.target.checked ? [...chosen, c.member.id] : chosen.filter((id) => id !== c.member.id))} />
                    ) : null}
                  </td>
                  <td>
                    {c.fullName}
                    {chosen.includes(c.member.id) && action.problem(`memberIds.${chosen.indexOf(c.member.id)}`) ? (
                      <small className="field-error" role="alert"> {action.problem(`memberIds.${chosen.indexOf(c.member.id)}`)}</small>
                    ) : null}
                  </td>
                  <td>{c.unitName}</td>
                  <td>{day(c.joinedUnionOn)}</td>
                  <td>{c.years}</td>
                  <td><span className="badge">{c.status === 'DUE' ? 'Đủ điều kiện' : 'Đã đề nghị'}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list?.candidates.pageInfo.hasNextPage ? <p className="muted">Danh sách hiện 100 người đầu tiên theo ngày vào Công đoàn; xác nhận xong sẽ hiện tiếp.</p> : null}
      <Outcome error={action.error} done={action.done} />
      {candidates.length ? <div><button type="button" disabled={action.busy || chosen.length === 0} onClick={() => void confirm()}>Đề nghị tặng cho {chosen.length} người đã chọn</button></div> : null}
    </Page>
  );
}
