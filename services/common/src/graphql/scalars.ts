import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver, LocalDateResolver, NonNegativeIntResolver, PositiveFloatResolver, SafeIntResolver, URLResolver, UUIDResolver } from 'graphql-scalars';

/**
 * `Date` is a calendar day kept as an ISO `YYYY-MM-DD` string end to end (graphql-scalars' LocalDate rules):
 * a campaign that ends on 31/12 ends on that day in Việt Nam, whatever the server's time zone.
 */
const CalendarDate = new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date', description: 'A calendar day, YYYY-MM-DD.' });

/** Only web links: a `javascript:` or `data:` URL shown as a link would run or carry content in the reader's page. */
function webUrl(url: unknown): string {
  const parsed = url instanceof URL ? url : new URL(String(url));
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new GraphQLError(`Chỉ nhận liên kết http:// hoặc https://, không nhận "${parsed.protocol}"`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return parsed.toString();
}

/** `URL` is validated by graphql-scalars (then limited to http and https) and handed to resolvers as a string. */
const UrlString = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  parseValue: (value) => webUrl(URLResolver.parseValue(value)),
  parseLiteral: (ast, variables) => webUrl(URLResolver.parseLiteral(ast, variables)),
});

/** Scalars every subgraph declares in its SDL (`scalar DateTime` …) and resolves the same way. */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: CalendarDate,
  UUID: UUIDResolver,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveFloat: PositiveFloatResolver,
  URL: UrlString,
  /** Money in VND: whole numbers beyond 32 bits (budgets run to billions). */
  SafeInt: SafeIntResolver,
  JSON: JSONResolver,
};
