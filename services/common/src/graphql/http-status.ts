import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';

const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * The statuses of the GraphQL-over-HTTP spec: a document that does not parse, does not validate or whose variables do
 * not coerce is a request error, answered 400 in `application/graphql-response+json` and 200 in the legacy
 * `application/json` (whose clients read the errors from the body). Query limits are always 400: they are refusals,
 * not mistakes a client's error display should treat as an answer. The subgraphs answer the gateway the same way, so
 * the caller gets the subgraph's own error (a URL that is not http, a bad date) instead of "400: Bad Request".
 */
export function graphqlOverHttpStatuses<T extends BaseContext>(isLimitError: (error: GraphQLError) => boolean = () => false): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          const body = response.body;
          if (body.kind !== 'single' || body.singleResult.data !== undefined || !errors?.length) return;
          if (!errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)) && !isLimitError(e))) return;
          const accept = request.http?.headers.get('accept');
          const type = accept ? new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) : 'application/json';
          if (type === 'application/json') response.http.status = 200;
        },
      };
    },
  };
}
