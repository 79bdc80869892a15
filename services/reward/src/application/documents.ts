import DataLoader from 'dataloader';
import {
  ConflictError,
  DownloadNotFoundError,
  ForbiddenError,
  UnauthenticatedError,
  documentIssuer,
  isAnonymous,
  isOfficerOver,
  latestDocuments,
  placeOf,
  publicUrl,
  type Identity,
  type IssuedDocument,
  type Issuer,
} from '@thidua/common';
import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '@thidua/common';
import { certificatePage } from '../documents/certificate';
import { CORRECTION_VERBS, NOMINATION_SOURCE_NAMES } from '../domain/reward-names';
import { dossierPage, minutesPage, type CouncilCase, type MinutesModel } from '../documents/council';
import { decisionPage, type DecisionModel } from '../documents/decision';
import type { RewardContext } from './context';
import type { NominationSource } from '../entities';
import { isCouncilOf } from './nominations';
import { councilVotes } from './votes';
import { meetingsInPeriod, nominationOutcome } from './council-meetings';

/** The documents a decision is issued with. */
export const DECISION_DOCUMENTS = ['decision', 'certificate'] as const;

/** A unit as the heading of its documents names it: its own name, its superior body's, where it sits. */
export async function issuerOf(db: EntityManager, unitId: string): Promise<Issuer | null> {
  const [row] = (await db.query(
    `SELECT u.id, u.name, u.path, u.level, u.province_code AS "provinceCode", p.name AS "superiorName"
       FROM unit_refs u LEFT JOIN unit_refs p ON p.path = regexp_replace(u.path, '[^/]+/$', '') AND p.path <> u.path
      WHERE u.id = $1`,
    [unitId],
  )) as { id: string; name: string; path: string; level: string; provinceCode: string | null; superiorName: string | null }[];
  return row ? { id: row.id, name: row.name, path: row.path, level: row.level, place: placeOf(row.provinceCode), superiorName: row.superiorName } : null;
}

const PROPOSERS: Record<NominationSource, (row: DecisionSource) => string> = {
  RESULTS: (row) => `Ban Tổ chức phong trào thi đua "${row.campaignTitle ?? ''}" (kết quả thi đua đã công bố)`,
  MEDIA_DISCOVERY: () => 'cơ quan báo chí công đoàn (gương điển hình được phát hiện)',
  OFFICER: (row) => row.unitName,
  AD_HOC: (row) => `${row.unitName} (thành tích đột xuất)`,
  LONG_SERVICE: (row) => `${row.unitName} (đủ số năm tham gia tổ chức Công đoàn)`,
  BLOC: () => 'Khối, cụm thi đua (đơn vị dẫn đầu)',
};

interface DecisionSource {
  id: string;
  number: string;
  decidedOn: string;
  signerRole: string;
  signerName: string | null;
  grantingUnitId: string;
  formName: string;
  formSource: string | null;
  adHoc: boolean;
  memberId: string | null;
  subjectName: string;
  unitName: string;
  reason: string;
  amountVnd: number;
  baseSalaryVnd: number;
  multiplier: number | null;
  nominationId: string;
  source: NominationSource;
  campaignTitle: string | null;
}

/** What the decision and its certificate print, from the register and the nomination behind it. */
export async function decisionModel(db: EntityManager, decisionId: string): Promise<DecisionModel | null> {
  const [row] = (await db.query(
    `SELECT d.id, d.number, d.decided_on::text AS "decidedOn", d.signer_role AS "signerRole", d.signer_name AS "signerName", d.granting_unit_id AS "grantingUnitId",
            d.form_name AS "formName", h.snapshot->>'source' AS "formSource", d.ad_hoc AS "adHoc", d.member_id AS "memberId", d.subject_name AS "subjectName",
            d.unit_name AS "unitName", d.reason, d.amount_vnd::float AS "amountVnd", d.base_salary_vnd::float AS "baseSalaryVnd", d.multiplier::float AS multiplier,
            n.id AS "nominationId", n.source, c.title AS "campaignTitle"
       FROM reward_decisions d JOIN nominations n ON n.id = d.nomination_id
       LEFT JOIN campaign_refs c ON c.campaign_id = d.campaign_id
       LEFT JOIN reward_form_history h ON h.form_code = d.form_code AND h.version = d.form_version
      WHERE d.id = $1`,
    [decisionId],
  )) as DecisionSource[];
  if (!row) return null;
  const issuer = await issuerOf(db, row.grantingUnitId);
  if (!issuer) return null;
  const votes = row.adHoc ? null : await councilVotes(db, row.nominationId);
  return {
    id: row.id,
    number: row.number,
    decidedOn: row.decidedOn,
    signerRole: row.signerRole,
    signerName: row.signerName,
    issuer,
    formName: row.formName,
    formSource: row.formSource ?? 'quy định khen thưởng của Tổng Liên đoàn Lao động Việt Nam',
    adHoc: row.adHoc,
    collective: row.memberId === null,
    recipients: [{ name: row.subjectName, unitName: row.unitName, reason: row.reason, amountVnd: row.amountVnd }],
    baseSalaryVnd: row.baseSalaryVnd,
    multiplier: row.multiplier,
    proposedBy: PROPOSERS[row.source](row),
    votes: votes && { for: votes.votesFor, against: votes.votesAgainst },
    registerUrl: publicUrl(`/rewards/decisions/${row.id}`),
  };
}

/** A name as a file may carry it: no characters that paths or Windows refuse. */
export const fileSafe = (text: string): string => text.replace(/[\\/:*?"<>|]+/g, '-');

/**
 * Issues a decision's documents (the decision with its annexed list, and the certificate), signed by the granting
 * unit; once issued they never change, so their hashes on the public register stay true. Idempotent.
 */
export async function issueDecisionDocuments(db: EntityManager, decisionId: string): Promise<Record<(typeof DECISION_DOCUMENTS)[number], IssuedDocument> | null> {
  const model = await decisionModel(db, decisionId);
  if (!model) return null;
  const issuer = documentIssuer();
  const common = { subjectKey: model.id, policy: 'once' as const, templateVersion: 1, model, issuer: model.issuer };
  const decision = await issuer.issue(db, {
    ...common,
    kind: 'decision',
    title: `Quyết định số ${model.number}`,
    fileName: `Quyết định ${fileSafe(model.number)}.pdf`,
    render: decisionPage,
    signatureReason: `Quyết định khen thưởng số ${model.number}`,
  });
  const certificate = await issuer.issue(db, {
    ...common,
    kind: 'certificate',
    title: `${model.formName}: ${model.recipients[0]!.name}`,
    fileName: `${fileSafe(model.formName)} - ${fileSafe(model.recipients[0]!.name)}.pdf`,
    landscape: true,
    render: certificatePage,
    signatureReason: `${model.formName} theo Quyết định số ${model.number}`,
  });
  return { decision, certificate };
}

/**
 * A decision's document, issuing it first if the event that issues it has not been handled yet. The certificate of an
 * annulled or revoked decision is no longer handed out: it would show an honour that no longer stands. The decision
 * itself stays downloadable as issued (its hash on the register page stays checkable), which the page marks revoked.
 */
export async function decisionDocument(db: EntityManager, decisionId: string, kind: (typeof DECISION_DOCUMENTS)[number]): Promise<IssuedDocument> {
  if (kind === 'certificate') {
    const [revoked] = (await db.query(`SELECT kind, number, to_char(revoked_on, 'DD/MM/YYYY') AS "revokedOn" FROM decision_revocations WHERE decision_id = $1`, [decisionId])) as { kind: 'ANNULLED' | 'REVOKED'; number: string; revokedOn: string }[];
    if (revoked) {
      throw new ConflictError(`Quyết định khen thưởng này đã bị ${CORRECTION_VERBS[revoked.kind]} theo Quyết định số ${revoked.number} ngày ${revoked.revokedOn}: giấy chứng nhận không còn giá trị`);
    }
  }
  const issued = await issueDecisionDocuments(db, decisionId);
  if (!issued) throw new DownloadNotFoundError('Không có quyết định khen thưởng này trong sổ khen thưởng');
  return issued[kind];
}

/** Whether a decision stands: REVOKED once the register records its annulment or revocation (decision 0026). */
export async function decisionStatus(ctx: RewardContext, decision: { id: string }): Promise<'VALID' | 'REVOKED'> {
  return (await ctx.loaders.revocation.load(decision.id)) ? 'REVOKED' : 'VALID';
}

const documentLoaders = new WeakMap<object, DataLoader<string, IssuedDocument[]>>();

/** The documents issued for decisions, batched per request (a register page asks for twenty at once). */
export function issuedDocumentsOf(ctx: RewardContext, decisionId: string): Promise<IssuedDocument[]> {
  let loader = documentLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await latestDocuments(ctx.db.manager, [...DECISION_DOCUMENTS], ids);
      return ids.map((id) => DECISION_DOCUMENTS.flatMap((kind) => rows.filter((row) => row.subjectKey === id && row.kind === kind)));
    });
    documentLoaders.set(ctx.loaders, loader);
  }
  return loader.load(decisionId);
}

/** The public link of a stored document (through the gateway). */
export function documentUrl(document: IssuedDocument): string {
  return publicUrl(document.kind === 'decision' ? `/documents/rewards/decisions/${document.subjectKey}.pdf` : `/documents/rewards/decisions/${document.subjectKey}/certificate.pdf`);
}

/** Council papers are for the council's members and the officers over its unit. */
function requireCouncilReader(identity: Identity, unit: Issuer): void {
  if (isAnonymous(identity)) throw new UnauthenticatedError('Đăng nhập để tải giấy tờ của Hội đồng Thi đua - Khen thưởng');
  if (!isCouncilOf(identity, unit.path) && !isOfficerOver(identity, unit.path)) {
    throw new ForbiddenError(`Chỉ thành viên Hội đồng Thi đua - Khen thưởng ${unit.name} và cán bộ cấp trên được xem giấy tờ của Hội đồng`, { unitPath: unit.path });
  }
}

export async function councilUnit(db: EntityManager, identity: Identity, unitId: string): Promise<Issuer> {
  const unit = await issuerOf(db, unitId);
  if (!unit) throw new DownloadNotFoundError('Không có đơn vị công đoàn này');
  requireCouncilReader(identity, unit);
  return unit;
}


interface CaseRow {
  id: string;
  grantingUnitId: string;
  memberId: string | null;
  unitPath: string;
  formCode: string | null;
  subjectName: string;
  unitName: string;
  formName: string | null;
  reason: string;
  source: NominationSource;
  status: string;
  isDirectProductionWorker: boolean | null;
  refusalReason: string | null;
  decisionNumber: string | null;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  opinions: { member: string; vote: string | null; comment: string | null }[];
}

/** Nominations before a unit's council, with each member's latest vote counted and every opinion given, in one query. */
async function councilCases(db: EntityManager, unitPath: string, where: string, params: unknown[]): Promise<CouncilCase[]> {
  const rows = (await db.query(
    `SELECT n.id, n.granting_unit_id AS "grantingUnitId", n.member_id AS "memberId", n.unit_path AS "unitPath", n.form_code AS "formCode", n.subject_name AS "subjectName", coalesce(u.name, '') AS "unitName", f.name AS "formName", n.reason, n.source, n.status,
            n.is_direct_production_worker AS "isDirectProductionWorker", n.refusal_reason AS "refusalReason", d.number AS "decisionNumber",
            coalesce(v.for, 0)::int AS "votesFor", coalesce(v.against, 0)::int AS "votesAgainst", coalesce(v.abstain, 0)::int AS abstentions,
            coalesce((SELECT json_agg(json_build_object('member', coalesce(r.reviewer_name, r.reviewer), 'vote', r.vote, 'comment', r.comment) ORDER BY r.reviewed_at)
                        FROM council_reviews r WHERE r.nomination_id = n.id), '[]') AS opinions
       FROM nominations n
       LEFT JOIN unit_refs u ON u.id = n.unit_id
       LEFT JOIN reward_forms f ON f.code = n.form_code
       LEFT JOIN reward_decisions d ON d.nomination_id = n.id
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE vote = 'FOR') AS for, count(*) FILTER (WHERE vote = 'AGAINST') AS against, count(*) FILTER (WHERE vote = 'ABSTAIN') AS abstain
           FROM (SELECT DISTINCT ON (reviewer) vote FROM council_reviews WHERE nomination_id = n.id AND vote IS NOT NULL ORDER BY reviewer, reviewed_at DESC) latest
       ) v ON true
      WHERE n.granting_unit_path = $1 AND ${where}
      ORDER BY n.created_at, n.id`,
    [unitPath, ...params],
  )) as CaseRow[];
  const outcomes = await Promise.all(rows.map((row) => nominationOutcome(db, row, row.formCode)));
  return rows.map((row, i) => ({
    subjectName: row.subjectName,
    unitName: row.unitName,
    formName: row.formName,
    reason: row.reason,
    source: NOMINATION_SOURCE_NAMES[row.source],
    isDirectProductionWorker: row.isDirectProductionWorker,
    votesFor: row.votesFor,
    votesAgainst: row.votesAgainst,
    abstentions: row.abstentions,
    opinions: row.opinions,
    decisionNumber: row.decisionNumber,
    outcome:
      row.status === 'GRANTED' ? 'Đã quyết định khen thưởng'
      : row.status === 'REFUSED' ? `Không khen thưởng: ${row.refusalReason ?? ''}`
      : outcomes[i]!.passed ? `${outcomes[i]!.message}; chờ quyết định`
      : `Chưa được thông qua: ${outcomes[i]!.message}`,
    passed: outcomes[i]!.passed,
  }));
}

async function minutesOf(db: EntityManager, unit: Issuer, from: string, to: string, cases: CouncilCase[]): Promise<MinutesModel> {
  const members = [...new Set(cases.flatMap((c) => c.opinions.map((o) => o.member)))];
  return { issuer: unit, from, to, date: todayInVietnam(), members, meetings: await meetingsInPeriod(db, unit.path, from, to), cases };
}

/** Minutes of a unit's council over a period: every nomination a member voted on or commented on in it. */
export async function councilMinutes(db: EntityManager, unit: Issuer, from: string, to: string): Promise<IssuedDocument> {
  const cases = await councilCases(db, unit.path, `EXISTS (SELECT 1 FROM council_reviews r WHERE r.nomination_id = n.id
      AND (r.reviewed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2 AND $3)`, [from, to]);
  const model = await minutesOf(db, unit, from, to, cases);
  return documentIssuer().issue(db, {
    kind: 'council-minutes',
    subjectKey: `${unit.id}:${from}:${to}`,
    policy: 'current',
    templateVersion: 2,
    // the day it is drawn up is not what makes a new revision
    model: { ...model, date: null },
    title: `Biên bản họp Hội đồng Thi đua - Khen thưởng ${unit.name}`,
    fileName: `Biên bản họp Hội đồng TĐKT - ${fileSafe(unit.name)} - ${from} - ${to}.pdf`,
    issuer: unit,
    render: () => minutesPage(model),
    signatureReason: 'Biên bản họp Hội đồng Thi đua - Khen thưởng',
  });
}

/**
 * The dossier a unit sends to the level above: the nominations its council approved and has not decided, with the
 * cover memo and the minutes of their votes. The reworked workflow will send it and track its answer.
 */
export async function proposalDossier(db: EntityManager, unit: Issuer): Promise<IssuedDocument> {
  const proposed = (await councilCases(db, unit.path, `n.status IN ('OPEN', 'IN_COUNCIL')`, [])).filter((c) => c.passed);
  if (proposed.length === 0) {
    throw new ConflictError(`Hội đồng Thi đua - Khen thưởng ${unit.name} chưa thông qua đề nghị nào đang chờ: chưa có gì để trình cấp trên`);
  }
  const today = todayInVietnam();
  const model = {
    issuer: unit,
    addressee: unit.superiorName ?? 'Hội đồng Thi đua - Khen thưởng Trung ương',
    date: today,
    proposed,
    minutes: await minutesOf(db, unit, today.slice(0, 4) + '-01-01', today, proposed),
  };
  return documentIssuer().issue(db, {
    kind: 'proposal-dossier',
    subjectKey: unit.id,
    policy: 'current',
    templateVersion: 2,
    model: { ...model, date: null, minutes: { ...model.minutes, date: null } },
    title: `Hồ sơ đề nghị khen thưởng của ${unit.name}`,
    fileName: `Hồ sơ đề nghị khen thưởng - ${fileSafe(unit.name)}.pdf`,
    issuer: unit,
    render: () => dossierPage(model),
    signatureReason: 'Tờ trình đề nghị khen thưởng',
  });
}
