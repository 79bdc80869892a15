import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EventEnvelope } from './contracts';

/** Where the JSON Schemas of events live: `schemas/events/` at the repository root. */
export const EVENT_SCHEMAS_DIR = process.env.EVENT_SCHEMAS_DIR ?? path.resolve(__dirname, '../../../../schemas/events');

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** Compiles every schema once; validates envelopes and their payloads by type and version. */
export class EventSchemaRegistry {
  private readonly envelope: ValidateFunction;
  private readonly payloads = new Map<string, ValidateFunction>();

  constructor(dir: string = EVENT_SCHEMAS_DIR) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    let envelope: ValidateFunction | undefined;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const match = /^([A-Za-z]+)\.v(\d+)\.json$/.exec(file);
      if (!match) throw new Error(`Event schema file ${file} must be named <Type>.v<version>.json`);
      const validate = ajv.compile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as object);
      if (match[1] === 'envelope') envelope = validate;
      else this.payloads.set(`${match[1]}.v${match[2]}`, validate);
    }
    if (!envelope) throw new Error(`No envelope.v1.json in ${dir}`);
    this.envelope = envelope;
  }

  knows(type: string, version: number): boolean {
    return this.payloads.has(`${type}.v${version}`);
  }

  /** Throws InvalidEventError naming every problem; returns the value typed as an envelope. */
  validate(value: unknown): EventEnvelope {
    if (!this.envelope(value)) throw new InvalidEventError(`Invalid event envelope: ${describe(this.envelope.errors)}`);
    const envelope = value as EventEnvelope;
    const validatePayload = this.payloads.get(`${envelope.type}.v${envelope.version}`);
    if (!validatePayload) throw new InvalidEventError(`No schema for event ${envelope.type} v${envelope.version}`);
    if (!validatePayload(envelope.payload)) {
      throw new InvalidEventError(`Invalid ${envelope.type} v${envelope.version} payload: ${describe(validatePayload.errors)}`);
    }
    return envelope;
  }

  /** Parses a Kafka message value, then validates it. */
  parse(raw: Buffer | string | null): EventEnvelope {
    if (raw === null) throw new InvalidEventError('Empty message');
    let value: unknown;
    try {
      value = JSON.parse(raw.toString());
    } catch (error) {
      throw new InvalidEventError(`Message is not JSON: ${(error as Error).message}`);
    }
    return this.validate(value);
  }
}

let shared: EventSchemaRegistry | undefined;
export function eventSchemas(): EventSchemaRegistry {
  shared ??= new EventSchemaRegistry();
  return shared;
}
