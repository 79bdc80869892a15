import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../errors';
import type { Identity } from '../auth';
import type { ServiceName } from '../config';
import type { MutationAuditedV1 } from '../events/contracts';
import type { Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';

/** Arguments that must never reach a log: secrets and bulky file contents. */
const REDACTED = /^(csv|contentBase64|apiKey|password|token)$/i;
const MAX_VARIABLES = 4000;
const MAX_NAME = 200;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, REDACTED.test(k) ? '[left out]' : redact(v)]));
  }
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

/** The code the client sees: a domain error's own, else what graphql or Apollo set. */
function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original.code;
  return String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

type AuditDraft = Omit<MutationAuditedV1, 'outcome' | 'at'>;

/**
 * What one request's audit has come to: the mutation it runs (known once execution starts) and whether its record
 * is already written in a transaction of the mutation.
 */
export interface AuditTrail {
  draft: AuditDraft | null;
  writtenInTransaction: boolean;
}

export function newAuditTrail(): AuditTrail {
  return { draft: null, writtenInTransaction: false };
}

interface AuditedContext {
  identity: Identity;
  correlationId: string;
  audit: AuditTrail;
}

/**
 * The arguments of each root field as the resolvers receive them, inline literals included, so a refused
 * `updateCampaign(id: "…")` is recorded with the campaign it aimed at. Falls back to the raw variables when they do
 * not coerce (the request then fails before it runs).
 */
function argumentsOf(requestContext: GraphQLRequestContext<AuditedContext>): unknown {
  const { operation, schema, request } = requestContext;
  const mutationType = schema.getMutationType();
  if (!operation || !mutationType) return request.variables ?? {};
  try {
    const fields = mutationType.getFields();
    return Object.fromEntries(
      operation.selectionSet.selections.flatMap((selection) => {
        if (selection.kind !== 'Field' || !fields[selection.name.value]) return [];
        return [[selection.alias?.value ?? selection.name.value, getArgumentValues(fields[selection.name.value]!, selection, request.variables ?? {})]];
      }),
    );
  } catch {
    return request.variables ?? {};
  }
}

function draftOf(service: ServiceName, requestContext: GraphQLRequestContext<AuditedContext>): AuditDraft {
  const { operation, operationName, contextValue } = requestContext;
  const fields = (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
  return {
    service,
    operationName: operationName?.slice(0, MAX_NAME) ?? null,
    fields: fields.length > 0 ? fields : ['(none)'],
    variables: JSON.stringify(redact(argumentsOf(requestContext))).slice(0, MAX_VARIABLES),
    subject: contextValue.identity.subject.slice(0, MAX_NAME) || '(unknown)',
    roles: contextValue.identity.roles,
    unitPath: contextValue.identity.unitPath,
  };
}

async function appendAudit(outbox: Outbox, manager: EntityManager, correlationId: string, draft: AuditDraft, outcome: string): Promise<void> {
  const id = randomUUID();
  await outbox.append(manager, correlationId, {
    type: 'MutationAudited',
    aggregateId: id,
    unitPath: null,
    payload: { ...draft, outcome, at: new Date().toISOString() },
  });
}

/**
 * Inside a mutation's transaction: writes its audit record (outcome OK) with the change itself, so the change
 * never commits unaudited. Returns true when it wrote one (the first transaction of the request does).
 */
export async function auditInTransaction(trail: AuditTrail, outbox: Outbox, manager: EntityManager, correlationId: string): Promise<boolean> {
  if (!trail.draft || trail.writtenInTransaction) return false;
  await appendAudit(outbox, manager, correlationId, trail.draft, 'OK');
  return true;
}

/**
 * Records every mutation this subgraph runs or refuses (who, what, when, from which unit, the arguments, outcome)
 * as a MutationAudited event; the campaign subgraph keeps them in the audit log admins query. A mutation that
 * changes data is recorded in its own transaction (see `auditInTransaction`); a refused or failed one, and one
 * that ran without a transaction, when its answer is ready.
 */
export function auditPlugin<T extends AuditedContext>(service: ServiceName, dataSource: DataSource, outbox: Outbox, onWritten: () => void, logger: Logger): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          if (requestContext.operation?.operation === 'mutation') requestContext.contextValue.audit.draft = draftOf(service, requestContext);
        },
        async willSendResponse(requestContext) {
          const { operation, contextValue, errors } = requestContext;
          if (operation?.operation !== 'mutation' || !contextValue?.audit) return;
          const codes = [...new Set((errors ?? []).map(errorCode))];
          if (contextValue.audit.writtenInTransaction && codes.length === 0) return;
          const draft = contextValue.audit.draft ?? draftOf(service, requestContext);
          try {
            await appendAudit(outbox, dataSource.manager, contextValue.correlationId, draft, codes.length > 0 ? codes.join(',') : 'OK');
            onWritten();
          } catch (error) {
            // only a database that cannot be written loses this line (and then no change was made either)
            logger.error({ err: error, fields: draft.fields }, 'could not record the audit of a refused mutation');
          }
        },
      };
    },
  };
}
