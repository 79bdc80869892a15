import type { FieldProblem, OrganisationType } from '@thidua/common';
import type { ProposedTarget } from './targets';

export interface ReplicationRequest {
  /** The occupations and organisation types the new campaign adapts the model to. */
  occupationCodes: string[];
  organisationTypes: OrganisationType[];
  /** Adapted targets; the source's targets are copied when none are given. */
  targets: ProposedTarget[] | null;
  adaptationNote: string;
}

/**
 * Replication (nhân rộng) adapts a model to other occupations or organisation types: it must say what it
 * adapts to, and why, so the lineage tells how the model spread.
 */
export function replicationProblems(request: ReplicationRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.occupationCodes.length === 0 && request.organisationTypes.length === 0) {
    problems.push({ field: 'scope', message: 'hãy nêu ngành nghề hoặc loại hình đơn vị mà mô hình được điều chỉnh cho phù hợp' });
  }
  if (request.adaptationNote.trim().length < 10) {
    problems.push({ field: 'adaptationNote', message: 'hãy nêu đã điều chỉnh gì và vì sao (ít nhất 10 ký tự)' });
  }
  return problems;
}

export function replicatedTargets(source: ProposedTarget[], request: ReplicationRequest): ProposedTarget[] {
  return request.targets ?? source.map((t) => ({ ...t }));
}
