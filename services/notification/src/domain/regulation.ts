import type { UnitLevel } from '@thidua/common';

/**
 * How long a nomination (hồ sơ đề nghị khen thưởng) may wait at its granting unit's council, and a proposal's dossier
 * at each union level on its way to the deciding authority, in calendar days from the day it reached that unit, by the
 * level of that unit. The figures are the platform's working targets
 * (unverified against Decree 152/2025 and VGCL Decision 999/QĐ-TLĐ, which count in working days and per step):
 * data to change here when the regulation is read, not rules the council is bound by (decision 0033). An ad-hoc
 * nomination is chased by the last day reward names for it instead (its catalogue's AD_HOC days; decision 0038).
 */
export const DAYS_ALLOWED_AT_LEVEL: Record<UnitLevel, number> = {
  GRASSROOTS: 10,
  UPPER_GRASSROOTS: 15,
  SECTOR: 20,
  PROVINCIAL: 20,
  NATIONAL: 30,
};

/** The levels whose officers get one digest of every nomination held in their subtree (a province's, a sector's). */
export const SUBTREE_DIGEST_LEVELS: readonly UnitLevel[] = ['PROVINCIAL', 'SECTOR'];

/** Those enrolled are reminded of an appeal window this many hours before it closes. */
export const APPEAL_REMINDER_HOURS = 48;

/** Units are reminded of a period's report this many days before it ends, unless REPORT_REMINDER_DAYS says otherwise. */
export const DEFAULT_REPORT_REMINDER_DAYS = 3;

/** A story submitted for review waits at most this many days before its unit's editors are reminded. */
export const STORY_REVIEW_DAYS = 2;

/**
 * A reviewer assigned a submission's evidence is reminded after this many days without scoring it: a working week,
 * the platform's own target (the regulation sets no days for a council member's assessment; decision 0037).
 */
export const REVIEW_DAYS = 7;
