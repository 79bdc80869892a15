import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { CAMPAIGN_STATUS, day, label, num } from '../format';
import { useAction, usePagedQuery, useQuery, type ActionState, type Connection } from '../hooks';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';
import { Empty, ErrorBox, Field, Loading, MoreButton, Outcome, Page, describedBy } from '../ui';

interface Target {
  id: string;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
}

interface Campaign {
  id: string;
  title: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  targets: Target[];
  participation: { units: number; members: number };
  summary: { lessons: string; submittedAt: string } | null;
}

const LIST = `query CampaignsToRun($unitId: ID!) { campaigns(unitId: $unitId, first: 50) { edges { node { id title status } } } }`;
const CAMPAIGN = `query CampaignToRun($id: ID!) { campaign(id: $id) {
  id title status startsOn endsOn targets { id name unitOfMeasure targetValue }
  participation { units members }
  summary { lessons submittedAt }
} }`;
interface Enrolled {
  id: string;
  unit: { name: string };
  member: { fullName: string } | null;
}
const ENROLLED = `query CampaignEnrolled($id: ID!, $after: String) { campaign(id: $id) {
  enrollments(first: 50, after: $after) { edges { node { id unit { name } member { fullName } } } pageInfo { hasNextPage endCursor } }
} }`;
const PLACES = `query EnrolPlaces($unitId: ID!, $search: String) {
  members(unitId: $unitId, search: $search, first: 20) { edges { node { id fullName unit { name } } } }
}`;
const ENROL_UNIT = `mutation EnrolUnit($input: EnrollUnitInput!) { enrollUnit(input: $input) { id unit { name } } }`;
const ENROL_MEMBER = `mutation EnrolMember($input: EnrollMemberInput!) { enrollMember(input: $input) { id member { fullName } } }`;
const START = `mutation StartCampaign($id: ID!) { startCampaign(id: $id) { id status } }`;
const BEGIN_SUMMARY = `mutation BeginSummary($id: ID!) { beginCampaignSummary(id: $id) { id status } }`;
const SUMMARISE = `mutation Summarise($id: ID!, $input: CampaignSummaryInput!) { submitCampaignSummary(id: $id, input: $input) { id status } }`;
const PUBLISH = `mutation PublishResults($campaignId: ID!) { publishResults(campaignId: $campaignId) { publicationVersion appealDeadline } }`;
const CLOSE = `mutation CloseCampaign($id: ID!) { closeCampaign(id: $id) { id status } }`;

const RUNNING = ['LAUNCHED', 'IN_PROGRESS'];

/** Commitments (mức đăng ký) per target: the campaign's values unless the unit or member commits to other ones. */
function Commitments({ prefix, targets, values, onChange, action }: { prefix: string; targets: Target[]; values: Record<string, string>; onChange(v: Record<string, string>): void; action: ActionState }) {
  return (
    <div className="row">
      {targets.map((t, i) => {
        const id = `${prefix}-commit-${t.id}`;
        const problem = action.problem(`commitments.${i}`);
        return (
          <Field key={t.id} id={id} label={`Đăng ký: ${t.name} (${t.unitOfMeasure})`} hint={`Chỉ tiêu của phong trào: ${num(t.targetValue)}`} problem={problem}>
            <input id={id} type="number" inputMode="decimal" value={values[t.id] ?? ''} onChange={(e) => onChange({ ...values, [t.id]: e.target.value })} {...describedBy(id, true, problem)} />
          </Field>
        );
      })}
    </div>
  );
}

const commitmentsOf = (targets: Target[], values: Record<string, string>) => targets.map((t) => ({ targetId: t.id, value: values[t.id]?.trim() ? Number(values[t.id]) : t.targetValue }));

function Enrolment({ campaign, own, onDone }: { campaign: Campaign; own: UnitChoice; onDone(): void }) {
  const { session } = useAuth();
  const [search, setSearch] = useState('');
  const places = useQuery<{ members: { edges: { node: { id: string; fullName: string; unit: { name: string } } }[] } }>(PLACES, { unitId: own.id, search: search.trim() || null });
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [member, setMember] = useState('');
  const [unitValues, setUnitValues] = useState<Record<string, string>>({});
  const [memberValues, setMemberValues] = useState<Record<string, string>>({});
  const enrolUnit = useAction();
  const enrolMember = useAction();
  const submitUnit = (event: FormEvent) => {
    event.preventDefault();
    void enrolUnit.run(async () => {
      const { enrollUnit } = await mutate<{ enrollUnit: { unit: { name: string } } }>(ENROL_UNIT, { input: { campaignId: campaign.id, unitId: unit?.id ?? '', commitments: commitmentsOf(campaign.targets, unitValues) } }, session?.token ?? null);
      setUnitValues({});
      onDone();
      return `Đã đăng ký ${enrollUnit.unit.name} tham gia phong trào.`;
    });
  };
  const submitMember = (event: FormEvent) => {
    event.preventDefault();
    void enrolMember.run(async () => {
      const { enrollMember } = await mutate<{ enrollMember: { member: { fullName: string } | null } }>(ENROL_MEMBER, { input: { campaignId: campaign.id, memberId: member, commitments: commitmentsOf(campaign.targets, memberValues) } }, session?.token ?? null);
      setMemberValues({});
      onDone();
      return `Đã đăng ký đoàn viên ${enrollMember.member?.fullName ?? ''} tham gia phong trào.`;
    });
  };
  return (
    <>
      <h2>Đăng ký tham gia</h2>
      <ErrorBox error={places.error} />
      <form className="stack card" onSubmit={submitUnit} noValidate aria-label="Đăng ký tập thể">
        <UnitPicker own={own} value={unit} onChange={setUnit} problem={enrolUnit.problem('unitId')} idPrefix="enrol-" label="Tập thể" />
        <Commitments prefix="unit" targets={campaign.targets} values={unitValues} onChange={setUnitValues} action={enrolUnit} />
        <Outcome error={enrolUnit.problems.length ? null : enrolUnit.error} done={enrolUnit.done} />
        <div><button type="submit" disabled={enrolUnit.busy}>Đăng ký tập thể</button></div>
      </form>
      <form className="stack card" onSubmit={submitMember} noValidate aria-label="Đăng ký đoàn viên">
        <div className="row">
          <Field id="enrol-search" label="Tìm đoàn viên (có dấu hoặc không dấu)">
            <input id="enrol-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
          <Field id="enrol-member" label="Đoàn viên" problem={enrolMember.problem('memberId')}>
            <select id="enrol-member" value={member} onChange={(e) => setMember(e.target.value)} {...describedBy('enrol-member', false, enrolMember.problem('memberId'))}>
              <option value="">Chọn đoàn viên…</option>
              {places.data?.members.edges.map(({ node }) => <option key={node.id} value={node.id}>{`${node.fullName} (${node.unit.name})`}</option>)}
            </select>
          </Field>
        </div>
        <Commitments prefix="member" targets={campaign.targets} values={memberValues} onChange={setMemberValues} action={enrolMember} />
        <Outcome error={enrolMember.problems.length ? null : enrolMember.error} done={enrolMember.done} />
        <div><button type="submit" disabled={enrolMember.busy}>Đăng ký đoàn viên</button></div>
      </form>
    </>
  );
}

interface ResultDraft {
  achievedValue: string;
  comment: string;
}

/** The summary (báo cáo tổng kết): each target's result, the lessons, the exemplars; then the close. */
function Summary({ campaign, onDone }: { campaign: Campaign; onDone(): void }) {
  const { session } = useAuth();
  const [results, setResults] = useState<Record<string, ResultDraft>>({});
  const [lessons, setLessons] = useState(campaign.summary?.lessons ?? '');
  const [exemplars, setExemplars] = useState([{ name: '', achievement: '' }]);
  const action = useAction();
  const close = useAction();
  const p = action.problem;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      // an empty result is sent as missing, so the API names the target that has none
      const given = campaign.targets.filter((t) => results[t.id]?.achievedValue.trim());
      const input = {
        results: given.map((t) => ({ targetId: t.id, achievedValue: Number(results[t.id]!.achievedValue), comment: results[t.id]!.comment || null })),
        lessons,
        exemplars: exemplars.filter((e) => e.name.trim() || e.achievement.trim()),
      };
      await mutate(SUMMARISE, { id: campaign.id, input }, session?.token ?? null);
      onDone();
      return 'Đã ghi báo cáo tổng kết. Có thể kết thúc phong trào.';
    });
  };
  // the API's `results.<i>` counts the results sent, which are the targets with a value, in the targets' order
  const sentIndex = (targetId: string) => campaign.targets.filter((t) => results[t.id]?.achievedValue.trim()).findIndex((t) => t.id === targetId);
  return (
    <>
      <h2>Tổng kết phong trào</h2>
      <form className="stack" onSubmit={submit} noValidate aria-label="Báo cáo tổng kết">
        {action.problems.filter((problem) => problem.field === 'results').map((problem) => (
          <p className="field-error" role="alert" key={problem.message}>{problem.message}</p>
        ))}
        {campaign.targets.map((t) => {
          const i = sentIndex(t.id);
          const problem = i >= 0 ? p(`results.${i}.achievedValue`) : null;
          const value = results[t.id] ?? { achievedValue: '', comment: '' };
          return (
            <div className="row" key={t.id}>
              <Field id={`result-${t.id}`} label={`Kết quả đạt được: ${t.name} (${t.unitOfMeasure})`} hint={`Chỉ tiêu: ${num(t.targetValue)}`} problem={problem}>
                <input id={`result-${t.id}`} type="number" inputMode="decimal" value={value.achievedValue} onChange={(e) => setResults({ ...results, [t.id]: { ...value, achievedValue: e.target.value } })} {...describedBy(`result-${t.id}`, true, problem)} />
              </Field>
              <Field id={`result-comment-${t.id}`} label="Nhận xét">
                <input id={`result-comment-${t.id}`} value={value.comment} onChange={(e) => setResults({ ...results, [t.id]: { ...value, comment: e.target.value } })} />
              </Field>
            </div>
          );
        })}
        <Field id="summary-lessons" label="Bài học kinh nghiệm" problem={p('lessons')}>
          <textarea id="summary-lessons" rows={4} value={lessons} onChange={(e) => setLessons(e.target.value)} {...describedBy('summary-lessons', false, p('lessons'))} />
        </Field>
        <h3>Điển hình tiên tiến</h3>
        {exemplars.map((e, i) => (
          <div className="row" key={i}>
            <Field id={`exemplar-name-${i}`} label={`Điển hình ${i + 1}: tên`} problem={p(`exemplars.${i}.name`)}>
              <input id={`exemplar-name-${i}`} value={e.name} onChange={(ev) => setExemplars(exemplars.map((x, j) => (j === i ? { ...x, name: ev.target.value } : x)))} {...describedBy(`exemplar-name-${i}`, false, p(`exemplars.${i}.name`))} />
            </Field>
            <Field id={`exemplar-achievement-${i}`} label={`Điển hình ${i + 1}: thành tích`} problem={p(`exemplars.${i}.achievement`)}>
              <input id={`exemplar-achievement-${i}`} value={e.achievement} onChange={(ev) => setExemplars(exemplars.map((x, j) => (j === i ? { ...x, achievement: ev.target.value } : x)))} {...describedBy(`exemplar-achievement-${i}`, false, p(`exemplars.${i}.achievement`))} />
            </Field>
          </div>
        ))}
        <div><button type="button" onClick={() => setExemplars([...exemplars, { name: '', achievement: '' }])}>Thêm điển hình</button></div>
        <Outcome error={action.problems.length ? null : action.error} done={action.done} />
        <div><button type="submit" disabled={action.busy}>Gửi báo cáo tổng kết</button></div>
      </form>
      {campaign.summary ? <p className="muted">Báo cáo tổng kết đã gửi ngày {day(campaign.summary.submittedAt.slice(0, 10))}.</p> : null}
      <Outcome error={close.error} done={close.done} />
      <div>
        <button type="button" disabled={close.busy} onClick={() => void close.run(async () => {
          await mutate(CLOSE, { id: campaign.id }, session?.token ?? null);
          onDone();
          return 'Phong trào đã kết thúc.';
        })}>Kết thúc phong trào</button>
      </div>
    </>
  );
}

/** An officer runs a movement of their unit after its launch: enrolment, the start, the summary and the close. */
export function ManageCampaignPage() {
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('id') ?? '';
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const unitId = unit.data?.myUnit?.id;
  const list = useQuery<{ campaigns: { edges: { node: { id: string; title: string; status: string } }[] } }>(LIST, { unitId }, !unitId);
  const campaign = useQuery<{ campaign: Campaign | null }>(CAMPAIGN, { id: chosen }, !chosen);
  const enrolled = usePagedQuery<{ campaign: { enrollments: Connection<Enrolled> } | null }, Enrolled>(ENROLLED, { id: chosen }, (d) => d.campaign?.enrollments, !chosen);
  const enrolledAgain = () => {
    campaign.reload();
    enrolled.reload();
  };
  const step = useAction();
  const c = campaign.data?.campaign ?? null;
  const campaigns = list.data?.campaigns.edges.map((e) => e.node).filter((x) => x.status !== 'DRAFT') ?? [];
  useEffect(() => {
    if (!chosen && campaigns.length === 1) setParams({ id: campaigns[0]!.id }, { replace: true });
  }, [chosen, campaigns, setParams]);
  const move = (query: string, done: string) => () => void step.run(async () => {
    await mutate(query, { id: chosen }, session?.token ?? null);
    campaign.reload();
    list.reload();
    return done;
  });
  return (
    <Page title="Điều hành phong trào">
      <p className="muted">Sau khi phát động: đăng ký tập thể và đoàn viên tham gia, bắt đầu triển khai, sơ kết, tổng kết và kết thúc phong trào.</p>
      <ErrorBox error={unit.error ?? list.error} />
      <Field id="manage-campaign" label="Phong trào">
        <select id="manage-campaign" value={chosen} onChange={(e) => setParams(e.target.value ? { id: e.target.value } : {})}>
          <option value="">Chọn phong trào…</option>
          {campaigns.map((x) => <option key={x.id} value={x.id}>{`${x.title} (${label(CAMPAIGN_STATUS, x.status)})`}</option>)}
        </select>
      </Field>
      {list.data && campaigns.length === 0 ? <Empty>Đơn vị chưa phát động phong trào nào. <Link to="/work/launch">Phát động phong trào</Link></Empty> : null}
      <ErrorBox error={campaign.error} />
      {chosen && campaign.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          <p data-testid="campaign-status">
            <span className="badge">{label(CAMPAIGN_STATUS, c.status)}</span> {day(c.startsOn)} – {day(c.endsOn)} · {num(c.participation.units)} tập thể đăng ký, {num(c.participation.members)} đoàn viên đăng ký cá nhân ·{' '}
            <Link to={`/campaigns/${c.id}`}>Trang công khai</Link>
          </p>
          <Outcome error={step.error} done={step.done} />
          <div className="row">
            {c.status === 'LAUNCHED' ? <button type="button" disabled={step.busy} onClick={move(START, 'Phong trào đã bắt đầu triển khai.')}>Bắt đầu triển khai</button> : null}
            {c.status !== 'CLOSED' ? (
              <button type="button" disabled={step.busy} onClick={() => void step.run(async () => {
                const { publishResults } = await mutate<{ publishResults: { publicationVersion: number; appealDeadline: string } }>(PUBLISH, { campaignId: chosen }, session?.token ?? null);
                return `Đã công bố kết quả lần ${publishResults.publicationVersion}; hạn khiếu nại đến ${day(publishResults.appealDeadline.slice(0, 10))}.`;
              })}>Công bố kết quả</button>
            ) : null}
            {RUNNING.includes(c.status) ? <button type="button" disabled={step.busy} onClick={move(BEGIN_SUMMARY, 'Đã kết thúc báo cáo tiến độ, bắt đầu sơ kết, tổng kết.')}>Bắt đầu sơ kết, tổng kết</button> : null}
          </div>
          {RUNNING.includes(c.status) && unit.data?.myUnit ? <Enrolment key={c.id} campaign={c} own={unit.data.myUnit} onDone={enrolledAgain} /> : null}
          {c.status === 'SUMMARISING' ? <Summary key={c.id} campaign={c} onDone={campaign.reload} /> : null}
          {enrolled.nodes.length ? (
            <>
              <h2>Đã đăng ký</h2>
              <ul data-testid="enrollments">
                {enrolled.nodes.map((node) => <li key={node.id}>{node.member ? `${node.member.fullName} (${node.unit.name})` : node.unit.name}</li>)}
              </ul>
              <MoreButton list={enrolled} shown={enrolled.nodes.length} />
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
