import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, mutate, type Problem } from '../api';
import { useAuth } from '../auth';
import { ORGANISATION_TYPE } from '../format';
import { useQuery } from '../hooks';
import { ErrorBox, Field, Page, problemFor } from '../ui';
import { MY_UNIT, type MyUnit } from '../my-unit';

const SOURCE = `query ReplicationSource($id: ID!) { campaign(id: $id) { id title } occupations { code name } }`;
const REPLICATE = `mutation Replicate($input: ReplicateCampaignInput!) { replicateCampaign(input: $input) { id } }`;

/** Nhân rộng: adapt a model movement to other occupations or kinds of organisation, keeping its lineage. */
export function ReplicateCampaignPage() {
  const { id = '' } = useParams();
  const { session } = useAuth();
  const navigate = useNavigate();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const source = useQuery<{ campaign: { id: string; title: string } | null; occupations: { code: string; name: string }[] }>(SOURCE, { id });
  const [occupations, setOccupations] = useState<string[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [title, setTitle] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const input = { sourceCampaignId: id, launchingUnitId: unit.data?.myUnit?.id, title: title || null, scope: { occupationCodes: occupations, organisationTypes: types }, adaptationNote: note };
      const { replicateCampaign } = await mutate<{ replicateCampaign: { id: string } }>(REPLICATE, { input }, session?.token ?? null);
      navigate(`/campaigns/${replicateCampaign.id}`);
    } catch (e) {
      setError(e as Error);
      setProblems(e instanceof ApiError ? e.problems : []);
    }
  };
  return (
    <Page title={`Nhân rộng: ${source.data?.campaign?.title ?? ''}`}>
      <form className="stack" onSubmit={submit}>
        <Field id="title" label="Tên phong trào nhân rộng (để trống: giữ tên gốc)" problem={problemFor(problems, 'title')}>
          <input id="title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <fieldset>
          <legend>Ngành nghề áp dụng</legend>
          <div className="grid">
            {source.data?.occupations.map((o) => (
              <label key={o.code}><input type="checkbox" style={{ width: 'auto' }} checked={occupations.includes(o.code)} onChange={() => setOccupations(toggle(occupations, o.code))} /> {o.name}</label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Loại hình đơn vị</legend>
          {Object.entries(ORGANISATION_TYPE).map(([code, name]) => (
            <label key={code} style={{ display: 'block' }}><input type="checkbox" style={{ width: 'auto' }} checked={types.includes(code)} onChange={() => setTypes(toggle(types, code))} /> {name}</label>
          ))}
        </fieldset>
        {problemFor(problems, 'scope') ? <p className="field-error" role="alert">{problemFor(problems, 'scope')}</p> : null}
        <Field id="note" label="Điều chỉnh cho phù hợp" problem={problemFor(problems, 'adaptationNote')}>
          <textarea id="note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <ErrorBox error={error} />
        <div><button type="submit">Nhân rộng</button></div>
      </form>
    </Page>
  );
}
