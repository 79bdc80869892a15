/** Row shapes of the new sources of recognition (migration 1732500366000) and the column lists that read them. */
import type { ProceedingKind } from '@thidua/common';
import type { BlocKind, BlocStatus } from '../domain/blocs';
import type { ColleagueDeedKind, ColleagueProposalStatus, EvidenceItem } from '../domain/colleague-proposals';
import type { RegistrationStatus } from '../domain/registration';

/** A member's proposal about a colleague's good deed or initiative (đề xuất của đồng nghiệp). */
export interface ColleagueProposalRow {
  id: string;
  proposerMemberId: string;
  proposerName: string;
  memberId: string;
  subjectName: string;
  unitId: string;
  unitPath: string;
  kind: ColleagueDeedKind;
  occurredOn: string;
  description: string;
  evidence: EvidenceItem[];
  status: ColleagueProposalStatus;
  declineReason: string | null;
  nominationId: string | null;
  handledAt: Date | null;
  createdAt: Date;
}

export const COLLEAGUE_PROPOSAL_SELECT = `SELECT id, proposer_member_id AS "proposerMemberId", proposer_name AS "proposerName", member_id AS "memberId",
  subject_name AS "subjectName", unit_id AS "unitId", unit_path AS "unitPath", kind, occurred_on::text AS "occurredOn", description, evidence, status,
  decline_reason AS "declineReason", nomination_id AS "nominationId", handled_at AS "handledAt", created_at AS "createdAt", created_at::text AS "cursorTime"
  FROM colleague_proposals`;

/** An emulation bloc (khối, cụm thi đua) of one organising level and year. */
export interface BlocRow {
  id: string;
  organiserUnitId: string;
  organiserUnitPath: string;
  name: string;
  kind: BlocKind;
  year: number;
  status: BlocStatus;
  covenantSignedOn: string | null;
  covenantCommitments: string[] | null;
  flagNominationId: string | null;
  createdAt: Date;
  rankedAt: Date | null;
}

export const BLOC_SELECT = `SELECT id, organiser_unit_id AS "organiserUnitId", organiser_unit_path AS "organiserUnitPath", name, kind, year, status,
  covenant_signed_on::text AS "covenantSignedOn", covenant_commitments AS "covenantCommitments", flag_nomination_id AS "flagNominationId",
  created_at AS "createdAt", created_at::text AS "cursorTime", ranked_at AS "rankedAt" FROM emulation_blocs`;

/** A unit of a bloc, with its year-end score and rank once ranked. */
export interface BlocUnitRow {
  blocId: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  score: number | null;
  rank: number | null;
}

export const BLOC_UNIT_SELECT = `SELECT bloc_id AS "blocId", unit_id AS "unitId", unit_path AS "unitPath", unit_name AS "unitName", score::float AS score, rank
  FROM emulation_bloc_units`;

/** A yearly registration of the titles a unit or a member aims for (đăng ký thi đua). */
export interface RegistrationRow {
  id: string;
  year: number;
  memberId: string | null;
  unitId: string;
  unitPath: string;
  subjectName: string;
  formCodes: string[];
  note: string | null;
  registeredOn: string;
  status: RegistrationStatus;
  reviewReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

export const REGISTRATION_SELECT = `SELECT id, year, member_id AS "memberId", unit_id AS "unitId", unit_path AS "unitPath", subject_name AS "subjectName",
  form_codes AS "formCodes", note, registered_on::text AS "registeredOn", status, review_reason AS "reviewReason", reviewed_at AS "reviewedAt",
  created_at AS "createdAt", created_at::text AS "cursorTime" FROM emulation_registrations`;

/** The open cases of a member or a unit, as campaign's ProceedingsChanged told (read model). */
export interface PendingCasesRow {
  subjectId: string;
  kinds: ProceedingKind[];
  since: string;
}
