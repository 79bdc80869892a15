import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * How the gateway may keep an authenticated query's answer (decision 0034):
 * - `SCOPE`: the answer depends only on the claims the subgraphs decide on (roles, unit path, member id) and on the
 *   data, so callers of one scope share it;
 * - `ACCOUNT`: it also depends on the account itself (its id: review assignments, the inbox, one's own
 *   proposals …), so it is kept for that account alone;
 * - `NEVER`: its source changes without an event the gateway hears, or with the clock, so it is never kept.
 */
export type Caching = 'SCOPE' | 'ACCOUNT' | 'NEVER';

/**
 * Fields whose answers depend on the caller's account id (`identity.subject` in the subgraphs' reads). Every field
 * named `my…` anywhere in the schema must be here or in NEVER_CACHED (gateway/test/scope-fields.test.ts fails
 * otherwise), and so must every new root query field the lists below do not name.
 */
export const ACCOUNT_FIELDS: ReadonlySet<string> = new Set([
  'Query.myEnrollments',
  'Query.myReviewAssignments',
  // an assigned reviewer reads a submission the scope alone would not show (visibleSubmission)
  'Query.submission',
  'Query.myNotifications',
  'Query.myUnreadNotificationCount',
  'Query.myNotificationPreferences',
  'Query.myNominations',
  'Query.myColleagueProposals',
  'Query.myColleagues',
  'Query.myEmulationRegistration',
  // a council member's own seat, and their conflict of interest on a nomination (decision 0036)
  'Council.mySeat',
  'Nomination.myConflict',
]);

/** Fields never answered from the cache (why, beside each). */
export const NEVER_CACHED: ReadonlySet<string> = new Set([
  // accounts live in Keycloak: a change made in its console sends no event
  'Query.accounts',
  'Query.account',
  // for news channels, whose API-key requests are never cached; listed so the rule holds if that changes
  'Query.syndicatedStories',
  // change with the clock (a deadline passes, a window opens) without any event
  'Query.overdueSummaries',
  'Query.registrationWindow',
]);

/** Root query fields whose answers depend on the scope and the data only. */
export const SCOPE_FIELDS: ReadonlySet<string> = new Set(
  [
    'targetRules', 'auditLog', 'unionUnit', 'myUnit', 'unionUnitByCode', 'searchUnionUnits', 'occupations', 'member', 'members', 'campaign',
    'campaigns', 'enrollment', 'progressReportsToConfirm', 'pendingProceedings', 'grantableRoles', 'evaluationRound', 'criteriaSet',
    'participantScore', 'scoreHistory', 'story', 'storyCandidates', 'searchStories', 'sections', 'section', 'provinceStories', 'newsChannels',
    'rewardForms', 'rewardForm', 'baseSalaries', 'nominations', 'nomination', 'rewardDecisions', 'rewardDecision', 'collectiveAgreements',
    'employerRewards', 'initiatives', 'initiative', 'rewardFairness', 'decisionsUnderReview', 'grantingCouncils', 'colleagueProposals',
    'longServiceCandidates', 'emulationBlocs', 'emulationBloc', 'emulationRegistrations', 'decisionLegalGrounds', 'decisionIssuerCode',
    'collectiveAgreement', 'rewardProposals', 'rewardProposal', 'council', 'councilRules', 'adHocTimeLimit',
  ].map((field) => `Query.${field}`),
);

/**
 * The caching of an operation: the strictest of its fields' (fragments included). A root query field no list
 * names is NEVER, so a field added without a classification is never shared by mistake.
 */
export function operationCaching(schema: GraphQLSchema, document: DocumentNode): Caching {
  const typeInfo = new TypeInfo(schema);
  const queryType = schema.getQueryType()?.name;
  let caching: Caching = 'SCOPE';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType()?.name;
        if (!parent) return;
        const coordinate = `${parent}.${node.name.value}`;
        if (NEVER_CACHED.has(coordinate) || (parent === queryType && !SCOPE_FIELDS.has(coordinate) && !ACCOUNT_FIELDS.has(coordinate))) caching = 'NEVER';
        else if (ACCOUNT_FIELDS.has(coordinate) && caching === 'SCOPE') caching = 'ACCOUNT';
      },
    }),
  );
  return caching;
}
