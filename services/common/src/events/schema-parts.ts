import { Type, type Static, type StringOptions, type TProperties, type TSchema } from '@sinclair/typebox';
import { TEXT_LIMITS } from '../text-limits';

/**
 * The building blocks of the event contracts (contracts.ts). Every string of every event schema is made here, so a
 * rule for all strings (a maximum length, say) is one change in this file, and both the JSON Schemas written to
 * schemas/events/ and the TypeScript types follow it.
 */

/** A materialised path of the union tree, e.g. `/vn/hn/may-tl/`. */
export const UNIT_PATH_PATTERN = '^/([a-z0-9-]+/)+$';

export const uuid = () => Type.String({ format: 'uuid', maxLength: 36 });
/** A calendar day, YYYY-MM-DD. */
export const day = () => Type.String({ format: 'date', maxLength: 10 });
/** An instant, ISO 8601 with its offset. */
export const instant = () => Type.String({ format: 'date-time', maxLength: 40 });
export const unitPath = () => Type.String({ pattern: UNIT_PATH_PATTERN, maxLength: TEXT_LIMITS.default });
/**
 * Free text or a code, at most as long as the platform's default input (TEXT_LIMITS.default) unless the options say
 * otherwise: no string of any event is unbounded, so no accepted input makes an event too large for the broker.
 */
export const text = (options: StringOptions = {}) => Type.String({ maxLength: TEXT_LIMITS.default, ...options });
export const nonEmptyText = (options: StringOptions = {}) => text({ minLength: 1, ...options });
/**
 * Text from an input of the paragraph or document size (TEXT_LIMITS), with room for what the platform puts around
 * it (a prefix naming the appeal it comes from, a title): an input accepted at its limit still makes a valid event.
 */
export const paragraph = (options: StringOptions = {}) => text({ maxLength: TEXT_LIMITS.paragraph + TEXT_LIMITS.default, ...options });
export const documentText = (options: StringOptions = {}) => text({ maxLength: TEXT_LIMITS.document + TEXT_LIMITS.default, ...options });

/** One of the listed values (a JSON Schema `enum`): the list is also the TypeScript union. */
export function oneOf<const V extends readonly string[]>(values: V) {
  return Type.Unsafe<V[number]>({ enum: [...values] });
}

/** The schema, or null: `type: [<type>, "null"]` (or `null` added to an enum), as the contracts have always been written. */
export function nullable<T extends TSchema>(schema: T) {
  const { enum: values, type } = schema as { enum?: unknown[]; type?: string };
  return Type.Unsafe<Static<T> | null>(values ? { ...schema, enum: [...values, null] } : { ...schema, type: [type, 'null'] });
}

/** An object with exactly these properties, all required. */
export const record = <P extends TProperties>(properties: P) => Type.Object(properties, { additionalProperties: false });
