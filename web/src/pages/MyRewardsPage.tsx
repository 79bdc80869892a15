import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { NOMINATION_SOURCE, NOMINATION_STATUS, REGISTRATION_STATUS, day, label } from '../format';
import { DownloadButton } from '../downloads';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, YearSelect, thisYear } from '../ui';

interface OwnNomination {
  id: string;
  source: string;
  status: string;
  formName: string | null;
  reason: string;
  achievedOn: string;
  refusalReason: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
}

interface Registration {
  status: string;
  registeredOn: string;
  reviewReason: string | null;
  forms: { code: string; name: string }[];
}

const MINE = `query MyRewards($year: Int!) {
  myNominations(first: 50) { edges { node { id source status formName reason achievedOn refusalReason decisionNumber decidedOn } } }
  myEmulationRegistration(year: $year) { status registeredOn reviewReason forms { code name } }
  registrationWindow(year: $year) { opensOn closesOn }
  rewardForms { code name kind subjects }
}`;
const REGISTER = `mutation RegisterMyTitles($input: EmulationRegistrationInput!) { registerEmulationTitles(input: $input) { status } }`;

/** A member's own rewards: the nominations about her with their status and any refusal, and her yearly registration. */
export function MyRewardsPage() {
  const { session } = useAuth();
  const [year, setYear] = useState(thisYear());
  const { data, error, loading, reload } = useQuery<{
    myNominations: { edges: { node: OwnNomination }[] };
    myEmulationRegistration: Registration | null;
    registrationWindow: { opensOn: string; closesOn: string };
    rewardForms: { code: string; name: string; kind: string; subjects: string[] }[];
  }>(MINE, { year }, !session);
  const [chosen, setChosen] = useState<string[]>([]);
  const action = useAction();
  const titles = (data?.rewardForms ?? []).filter((f) => f.kind === 'EMULATION_TITLE' && f.subjects.includes('INDIVIDUAL'));
  const registration = data?.myEmulationRegistration ?? null;
  const nominations = data?.myNominations.edges.map((e) => e.node) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await mutate(REGISTER, { input: { year, formCodes: chosen } }, session?.token ?? null);
      reload();
      return `Đã gửi đăng ký thi đua năm ${year}: chờ công đoàn cơ sở duyệt.`;
    });
  };
  return (
    <Page title="Khen thưởng của tôi">
      <ErrorBox error={error} />
      {loading && !data ? <Loading /> : null}
      <h2>Đề nghị khen thưởng về tôi</h2>
      {data && nominations.length === 0 ? <Empty>Chưa có đề nghị khen thưởng nào về bạn.</Empty> : null}
      {nominations.length ? <DownloadButton label="Tải Excel đề nghị khen thưởng về tôi" testId="my-nominations-excel" href="/exports/rewards/my-nominations.xlsx" /> : null}
      {nominations.length ? (
        <div className="table-wrap">
          <table data-testid="my-nominations">
            <thead><tr><th scope="col">Hình thức</th><th scope="col">Nguồn</th><th scope="col">Thành tích</th><th scope="col">Trạng thái</th><th scope="col">Kết quả</th></tr></thead>
            <tbody>
              {nominations.map((n) => (
                <tr key={n.id}>
                  <td>{n.formName ?? 'Chưa chọn'}</td>
                  <td>{label(NOMINATION_SOURCE, n.source)}</td>
                  <td>{n.reason} <span className="muted">({day(n.achievedOn)})</span></td>
                  <td><span className="badge">{label(NOMINATION_STATUS, n.status)}</span></td>
                  <td>{n.decisionNumber ? `Quyết định số ${n.decisionNumber} ngày ${day(n.decidedOn)}` : n.refusalReason ? `Lý do: ${n.refusalReason}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2>Đăng ký thi đua</h2>
      <Field id="year" label="Năm thi đua">
        <YearSelect id="year" value={year} onChange={(y) => { setYear(y); setChosen([]); }} />
      </Field>
      {data ? <p className="muted">Nhận đăng ký năm {year} từ {day(data.registrationWindow.opensOn)} đến {day(data.registrationWindow.closesOn)}.</p> : null}
      {registration ? (
        <p data-testid="my-registration">
          Đã đăng ký {registration.forms.map((f) => f.name).join(', ')} ngày {day(registration.registeredOn)}:{' '}
          <span className="badge">{label(REGISTRATION_STATUS, registration.status)}</span>
          {registration.reviewReason ? ` Lý do trả lại: ${registration.reviewReason}` : ''}
        </p>
      ) : null}
      {registration?.status === 'APPROVED' ? null : (
        <form className="stack" onSubmit={submit} noValidate>
          <fieldset aria-describedby="titles-hint">
            <legend>Danh hiệu đăng ký phấn đấu</legend>
            <small id="titles-hint" className="muted">Đăng ký danh hiệu cao bao gồm cả danh hiệu thấp hơn (ví dụ Chiến sĩ thi đua cơ sở gồm Lao động tiên tiến).</small>
            {titles.map((f) => (
              <label key={f.code} className="check">
                <input type="checkbox" checked={chosen.includes(f.code)} onChange={(e) => setChosen(e.target.checked ? [...chosen, f.code] : chosen.filter((c) => c !== f.code))} /> {f.name}
              </label>
            ))}
            {action.problem('formCodes') ? <small className="field-error" role="alert">{action.problem('formCodes')}</small> : null}
          </fieldset>
          {action.problem('registeredOn') ? <p className="field-error" role="alert">{action.problem('registeredOn')}</p> : null}
          <Outcome error={action.error} done={action.done} />
          <div><button type="submit" disabled={action.busy}>{registration ? 'Gửi lại đăng ký' : 'Gửi đăng ký'}</button></div>
        </form>
      )}
    </Page>
  );
}
