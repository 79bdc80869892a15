import type { CampaignLaunchedV1 } from '@thidua/common';

/**
 * A round (đợt bình xét) opens with its campaign, is PUBLISHED once results are out, and follows the campaign to its
 * end: CLOSING while results published before the close can still be appealed, CLOSED after that.
 */
export type RoundStatus = 'OPEN' | 'PUBLISHED' | 'CLOSING' | 'CLOSED';

/** A round measures exactly the launched campaign's targets, in their order. */
export function roundTargetsFrom(launched: CampaignLaunchedV1) {
  return launched.targets.map((target, position) => ({ ...target, position }));
}

/** What decides when a closed campaign's round ends: the window of its latest publication and the appeals still open. */
export interface AppealState {
  /** Appeal deadline of the latest publication; null when nothing was published. */
  appealDeadline: Date | null;
  openAppeals: number;
}

/**
 * The status of a round whose campaign has closed: the appeal window that was promised is kept (appeals filed in
 * it are taken and resolved), so the round is CLOSING until the window has passed and no appeal is left open.
 */
export function closedCampaignRoundStatus({ appealDeadline, openAppeals }: AppealState, now: Date): 'CLOSING' | 'CLOSED' {
  return openAppeals > 0 || (appealDeadline !== null && now <= appealDeadline) ? 'CLOSING' : 'CLOSED';
}

/** The status a reader sees: a stored CLOSING becomes CLOSED by the passing of time alone. */
export function currentRoundStatus(stored: RoundStatus, state: AppealState, now: Date): RoundStatus {
  return stored === 'CLOSING' ? closedCampaignRoundStatus(state, now) : stored;
}

/** Results are published only while the campaign runs: a closed campaign's results stand as last published. */
export function acceptsPublication(status: RoundStatus): boolean {
  return status === 'OPEN' || status === 'PUBLISHED';
}
