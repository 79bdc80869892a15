import { Type, type Static, type StringOptions, type TProperties, type TSchema } from '@sinclair/typebox';

/**
 * The building blocks of the event contracts (contracts.ts). Every string of every event schema is made here, so a
 * rule for all strings (a maximum length, say) is one change in this file, and both the JSON Schemas written to
 * schemas/events/ and the TypeScript types follow it.
 */

/** A materialised path of the union tree, e.g. `/vn/hn/may-tl/`. */
export const UNIT_PATH_PATTERN = '^/([a-z0-9-]+/)+$';

export const uuid = () => Type.String({ format: 'uuid' });
/** A calendar day, YYYY-MM-DD. */
export const day = () => Type.String({ format: 'date' });
/** An instant, ISO 8601 with its offset. */
export const instant = () => Type.String({ format: 'date-time' });
export const unitPath = () => Type.String({ pattern: UNIT_PATH_PATTERN });
/** Free text or a code, with the limits given. */
export const text = (options: StringOptions = {}) => Type.String(options);
export const nonEmptyText = () => text({ minLength: 1 });

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
