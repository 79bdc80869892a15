import { CreateOrganisationAndCampaigns1732500100000 } from './1732500100000-CreateOrganisationAndCampaigns';
import { MovementLifecycle1732500110000 } from './1732500110000-MovementLifecycle';
import { AuditLog1732500120000 } from './1732500120000-AuditLog';
import { IssuedDocuments1732500130000 } from './1732500130000-IssuedDocuments';
import { MemberGender1732500145000 } from './1732500145000-MemberGender';
import { PendingProceedings1732500146000 } from './1732500146000-PendingProceedings';
import { ProgressConfirmationAndCorrections1732500147000 } from './1732500147000-ProgressConfirmationAndCorrections';
import { Accounts1732500150000 } from './1732500150000-Accounts';
import { SpreadCounts1732500160000 } from './1732500160000-SpreadCounts';
import { SpreadOfDiscardedDrafts1732500170000 } from './1732500170000-SpreadOfDiscardedDrafts';
import { UnionAgencies1732500180000 } from './1732500180000-UnionAgencies';

/** In order; a migration, once landed, is never edited: add a new one. */
export const migrations = [CreateOrganisationAndCampaigns1732500100000, MovementLifecycle1732500110000, AuditLog1732500120000, IssuedDocuments1732500130000, MemberGender1732500145000, PendingProceedings1732500146000,
  ProgressConfirmationAndCorrections1732500147000, Accounts1732500150000, SpreadCounts1732500160000, SpreadOfDiscardedDrafts1732500170000, UnionAgencies1732500180000];
