import { eventually, graphql, type GraphQLResponse } from './graphql';

/** Calls through the gateway, for tests that expect success (`ok`) or one refusal (`refused`). */
export class Api {
  constructor(private readonly url: string) {}

  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result: GraphQLResponse<T> = await graphql<T>(this.url, query, variables, token);
    if (result.errors?.length) throw new Error(`Unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** Creates a union unit (as a national admin would) and returns what tests refer to it by. */
  async createUnit(input: Record<string, unknown>, token?: string): Promise<{ id: string; path: string }> {
    const created = await this.ok<{ createUnionUnit: { id: string; path: string } }>(
      `mutation($input: CreateUnionUnitInput!) { createUnionUnit(input: $input) { id path } }`,
      { input },
      token,
    );
    return created.createUnionUnit;
  }

  /** Creates a member (as a national admin would) and returns their id. */
  async createMember(input: Record<string, unknown>, token?: string): Promise<string> {
    const created = await this.ok<{ createMember: { id: string } }>(`mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, { input }, token);
    return created.createMember.id;
  }

  /** Waits until evaluation has opened a launched campaign's round (from CampaignLaunched): criteria sets go to it. */
  async untilRoundOpened(campaignId: string): Promise<void> {
    await eventually(async () => (await this.ok(`query($c: ID!) { evaluationRound(campaignId: $c) { id } }`, { c: campaignId })).evaluationRound, 30000, 'the round opened');
  }

  /** Waits until evaluation has scored every enrolment above 0: scores follow progress reports through the broker. */
  async untilScored(enrollmentIds: string[], token?: string): Promise<void> {
    await eventually(async () => {
      const scores = await Promise.all(enrollmentIds.map(async (id) =>
        (await this.ok<{ participantScore: { total: number } | null }>(`query($id: ID!) { participantScore(enrollmentId: $id) { total } }`, { id }, token)).participantScore));
      return scores.every((score) => score !== null && score.total > 0) ? true : null;
    }, 30000, `${enrollmentIds.length} enrolment(s) scored in evaluation`);
  }

  /** The first error's code and message, failing when the call succeeded. */
  async refused(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ code: string; message: string; problems: { field: string }[] }> {
    const result = await graphql(this.url, query, variables, token);
    const error = result.errors?.[0];
    if (!error) throw new Error(`Expected a refusal, got ${JSON.stringify(result.data)}`);
    return { code: String(error.extensions?.code), message: error.message, problems: (error.extensions?.problems as { field: string }[]) ?? [] };
  }
}
