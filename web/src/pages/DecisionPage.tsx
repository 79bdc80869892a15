import { Link, useParams } from 'react-router';
import { sameOrigin } from '../downloads';
import { CORRECTION_KIND, day, label, num, rewardVnd, vnd } from '../format';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Loading, Page } from '../ui';
import DECISION from '../../../gateway/public-operations/portal-reward-decision.graphql?raw';

interface IssuedDocument {
  kind: 'DECISION' | 'CERTIFICATE';
  title: string;
  sha256: string;
  sizeBytes: number;
  signedBy: string;
  issuedAt: string;
  url: string;
}

interface Decision {
  id: string;
  number: string;
  decidedOn: string;
  signerRole: string;
  signerName: string | null;
  grantingUnitName: string;
  formName: string;
  adHoc: boolean;
  subjectName: string;
  unitName: string;
  reason: string;
  amountVnd: number;
  daysToDecision: number;
  status: 'VALID' | 'REVOKED';
  revocation: {
    kind: string;
    legalGroundLabel: string;
    legalSource: string;
    reason: string;
    revokedOn: string;
    number: string;
    signerRole: string;
    signerName: string | null;
    amountReclaimedVnd: number;
  } | null;
  documents: IssuedDocument[];
}

const KIND: Record<IssuedDocument['kind'], string> = { DECISION: 'Quyết định', CERTIFICATE: 'Giấy khen, bằng khen' };

/**
 * Public: one decision of the register, where the QR code of its certificate and of the decision itself leads, so a
 * reader can check on a phone that it exists, stands, and that the file in hand is the one issued (its SHA-256).
 */
export function DecisionPage() {
  const { id = '' } = useParams();
  const { data, error, loading } = useQuery<{ rewardDecision: Decision | null }>(DECISION, { id });
  const decision = data?.rewardDecision;
  if (loading) return <Loading />;
  if (!decision) return <Page title="Quyết định khen thưởng">{error ? <ErrorBox error={error} /> : <Empty>Không có quyết định này trong sổ khen thưởng.</Empty>}</Page>;
  return (
    <Page title={`Quyết định số ${decision.number}`}>
      <p data-testid="decision-status">
        {decision.status === 'VALID' ? <span className="badge">Còn hiệu lực</span>
          : <span className="badge badge-red">{decision.revocation?.kind === 'REVOKED' ? 'Đã thu hồi' : 'Đã hủy bỏ'}: không còn hiệu lực</span>}
      </p>
      {decision.revocation ? (
        <div className="alert alert-error" role="status" data-testid="revocation">
          <p><strong>{label(CORRECTION_KIND, decision.revocation.kind)}</strong> theo Quyết định số {decision.revocation.number} ngày {day(decision.revocation.revokedOn)} ({decision.revocation.signerRole}{decision.revocation.signerName ? ` ${decision.revocation.signerName}` : ''}).</p>
          <dl className="facts">
            <dt>Lý do</dt><dd>{decision.revocation.reason}</dd>
            <dt>Căn cứ</dt><dd>{decision.revocation.legalGroundLabel} ({decision.revocation.legalSource})</dd>
            <dt>Số tiền thu hồi</dt><dd>{vnd(decision.revocation.amountReclaimedVnd)}</dd>
          </dl>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Ngày quyết định</dt><dd>{day(decision.decidedOn)}</dd>
        <dt>Đơn vị quyết định</dt><dd>{decision.grantingUnitName}</dd>
        <dt>Người ký</dt><dd>{decision.signerRole}{decision.signerName ? `: ${decision.signerName}` : ''}</dd>
        <dt>Hình thức</dt><dd>{decision.formName}{decision.adHoc ? ' (khen thưởng đột xuất)' : ''}</dd>
        <dt>Cá nhân, tập thể</dt><dd>{decision.subjectName}, {decision.unitName}</dd>
        <dt>Thành tích</dt><dd>{decision.reason}</dd>
        <dt>Mức thưởng</dt><dd>{rewardVnd(decision.amountVnd) ?? 'Không kèm tiền thưởng'}</dd>
        <dt>Thời gian đến quyết định</dt><dd>{num(decision.daysToDecision)} ngày</dd>
      </dl>
      <h2>Văn bản đã phát hành{decision.revocation ? ' (không còn giá trị)' : ''}</h2>
      {decision.revocation ? <p className="muted">Các văn bản dưới đây đã hết giá trị cùng quyết định; bản quyết định được giữ để đối chiếu mã SHA-256, giấy khen, bằng khen không còn được cấp.</p> : null}
      {decision.documents.length ? (
        <div className="table-wrap">
          <table data-testid="documents">
            <thead><tr><th>Văn bản</th><th>Ký số bởi</th><th>Mã SHA-256 của tệp</th><th /></tr></thead>
            <tbody>
              {decision.documents.map((d) => (
                <tr key={d.kind}>
                  <td>{KIND[d.kind]}<br /><span className="muted">{day(d.issuedAt)}, {num(Math.round(d.sizeBytes / 1024))} KB</span></td>
                  <td>{d.signedBy}</td>
                  <td><code className="hash">{d.sha256}</code></td>
                  <td>
                    {decision.revocation && d.kind === 'CERTIFICATE' ? <span className="badge badge-red">Không còn giá trị</span>
                      : <a className="button secondary" href={`${sameOrigin(d.url)}?download`} download>{decision.revocation ? 'Tải bản đã phát hành (không còn giá trị)' : 'Tải PDF'}</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>Văn bản đang được phát hành; tải lại trang sau ít phút.</Empty>
      )}
      <p className="muted">Tệp có mã SHA-256 khác với mã trên đây không phải bản đã phát hành. <Link to="/rewards">Về sổ khen thưởng</Link></p>
    </Page>
  );
}
