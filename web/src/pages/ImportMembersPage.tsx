import { useState, type FormEvent } from 'react';
import { mutateWithProgress } from '../api';
import { useAuth } from '../auth';
import { DownloadButton } from '../downloads';
import { num } from '../format';
import { useQuery } from '../hooks';
import { ErrorBox, Field, Page, ProgressBar, Success } from '../ui';
import { MY_UNIT, type MyUnit } from '../my-unit';
import { UnitPicker, type UnitChoice } from '../unit-picker';

const IMPORT = `mutation ImportMembers($unitId: ID!, $csv: String!) { importMembers(unitId: $unitId, csv: $csv) { imported rows problems { row field message } } }`;
const IMPORT_SPREADSHEET = `mutation ImportMembersFromSpreadsheet($unitId: ID!, $contentBase64: String!) {
  importMembersFromSpreadsheet(unitId: $unitId, contentBase64: $contentBase64) { imported rows problems { row field message } }
}`;

/** A file's bytes as base64, in chunks (a 2 MB workbook would overflow the argument list of one call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface Report {
  imported: number;
  rows: number;
  problems: { row: number; field: string; message: string }[];
}

/** A grassroots union's member list from its CSV file: all rows or none, with every problem named by row. */
export function ImportMembersPage() {
  const { session } = useAuth();
  const unit = useQuery<MyUnit>(MY_UNIT, {}, !session);
  const [chosen, setChosen] = useState<UnitChoice | null>(null);
  const target = chosen?.id ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !target) return;
    setError(null);
    setReport(null);
    setProgress(0);
    try {
      if (file.name.toLowerCase().endsWith('.xlsx')) {
        const result = await mutateWithProgress<{ importMembersFromSpreadsheet: Report }>(IMPORT_SPREADSHEET, { unitId: target, contentBase64: await base64Of(file) }, session?.token ?? null, setProgress);
        setReport(result.importMembersFromSpreadsheet);
      } else {
        const result = await mutateWithProgress<{ importMembers: Report }>(IMPORT, { unitId: target, csv: await file.text() }, session?.token ?? null, setProgress);
        setReport(result.importMembers);
      }
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Page title="Nhập danh sách đoàn viên">
      <p className="muted">Tệp CSV hoặc Excel (.xlsx, trang đầu tiên) với các cột ho_ten, ma_nghe, truc_tiep_san_xuat, giu_chuc_vu, ngay_vao_cong_doan, gioi_tinh (có/không, dd/mm/yyyy, Nam/Nữ; giới tính có thể để trống); tối đa 20.000 dòng. Danh sách tải về dưới đây nhập lại được sau khi sửa.</p>
      <form className="stack" onSubmit={submit}>
        <UnitPicker own={unit.data?.myUnit ?? null} value={chosen} onChange={setChosen} problem={null} label="Công đoàn cơ sở" level="GRASSROOTS" />
        {target ? <DownloadButton label="Tải Excel danh sách đoàn viên" href={`/exports/units/${target}/members.xlsx`} /> : null}
        <Field id="file" label="Tệp CSV hoặc Excel">
          <input id="file" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </Field>
        {progress !== null && !report && !error ? <ProgressBar value={progress} label="Tiến độ nhập" /> : null}
        <ErrorBox error={error} />
        {report && report.imported > 0 ? <Success>Đã nhập {num(report.imported)} / {num(report.rows)} đoàn viên.</Success> : null}
        {report && report.problems.length ? (
          <div className="alert alert-error" role="alert">
            Không nhập dòng nào: {report.problems.length} lỗi cần sửa.
            <ul>{report.problems.slice(0, 50).map((p) => <li key={`${p.row}-${p.field}`}>Dòng {p.row}, {p.field}: {p.message}</li>)}</ul>
          </div>
        ) : null}
        <div><button type="submit" disabled={progress !== null && progress < 1}>Nhập</button></div>
      </form>
    </Page>
  );
}
