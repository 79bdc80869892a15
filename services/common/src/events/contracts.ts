import type { ServiceName } from '../config';

/**
 * The event envelope and the payload of every event type. The JSON Schemas in `schemas/events/` are the
 * contract on the wire; these types mirror them for producers and consumers in TypeScript.
 */
export interface EventEnvelope<TType extends EventType = EventType> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  producer: ServiceName;
  aggregateId: string;
  unitPath: string | null;
  correlationId: string;
  causationId: string | null;
  payload: EventPayloads[TType];
}

export type UnitLevel = 'NATIONAL' | 'PROVINCIAL' | 'SECTOR' | 'UPPER_GRASSROOTS' | 'GRASSROOTS';
export type OrganisationType =
  | 'ADMINISTRATIVE_AGENCY' // cơ quan hành chính
  | 'PUBLIC_SERVICE_UNIT' // đơn vị sự nghiệp
  | 'STATE_OWNED_ENTERPRISE' // doanh nghiệp Nhà nước
  | 'PRIVATE_ENTERPRISE' // doanh nghiệp tư nhân
  | 'FDI_ENTERPRISE'; // doanh nghiệp FDI
export type CampaignCategory = 'UNION_WORK' | 'FOR_WORKERS' | 'FOR_WORKERS_IN_UNION_BODIES';
export type TargetDirection = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface UnionUnitCreatedV1 {
  unitId: string;
  code: string;
  name: string;
  level: UnitLevel;
  organisationType: OrganisationType | null;
  provinceCode: string | null;
  path: string;
  parentId: string | null;
}

export interface MemberCreatedV1 {
  memberId: string;
  fullName: string;
  unitId: string;
  unitPath: string;
  occupationCode: string;
  isDirectProductionWorker: boolean;
  holdsLeadershipPost: boolean;
}

export interface LaunchedTargetV1 {
  targetId: string;
  name: string;
  unitOfMeasure: string;
  targetValue: number;
  direction: TargetDirection;
  weight: number;
}

export interface CampaignLaunchedV1 {
  campaignId: string;
  title: string;
  category: CampaignCategory;
  launchingUnitId: string;
  launchingUnitPath: string;
  startsOn: string;
  endsOn: string;
  targets: LaunchedTargetV1[];
}

export interface EvaluationRoundOpenedV1 {
  roundId: string;
  campaignId: string;
  targetCount: number;
}

/** Event type → payload. Adding an event: a schema file, a line here, and a producer (README, "Add an event"). */
export interface EventPayloads {
  UnionUnitCreated: UnionUnitCreatedV1;
  MemberCreated: MemberCreatedV1;
  CampaignLaunched: CampaignLaunchedV1;
  EvaluationRoundOpened: EvaluationRoundOpenedV1;
}
export type EventType = keyof EventPayloads;

/** Which service's topic carries each event type. */
export const EVENT_PRODUCERS: Record<EventType, ServiceName> = {
  UnionUnitCreated: 'campaign',
  MemberCreated: 'campaign',
  CampaignLaunched: 'campaign',
  EvaluationRoundOpened: 'evaluation',
};
