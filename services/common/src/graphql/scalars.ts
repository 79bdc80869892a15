import { DateResolver, DateTimeResolver, NonNegativeIntResolver, PositiveFloatResolver, UUIDResolver } from 'graphql-scalars';

/** Scalars every subgraph declares in its SDL (`scalar DateTime` …) and resolves the same way. */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: DateResolver,
  UUID: UUIDResolver,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveFloat: PositiveFloatResolver,
};
