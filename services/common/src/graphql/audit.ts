import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { AppError } from '../errors';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth';
import type { ServiceName } from '../config';
import type { Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';

/** Variables that must never reach a log: secrets and bulky file contents. */
const REDACTED = /^(csv|contentBase64|apiKey|password|token)$/i;
const MAX_VARIABLES = 4000;

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

interface AuditedContext {
  identity: Identity;
  correlationId: string;
}

/**
 * Records every mutation this subgraph runs or refuses (who, what, when, from which unit, outcome) as a
 * MutationAudited event; the campaign subgraph keeps them in the audit log admins query.
 */
export function auditPlugin<T extends AuditedContext>(service: ServiceName, dataSource: DataSource, outbox: Outbox, onWritten: () => void, logger: Logger): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, operationName, request, contextValue, errors }) {
          if (operation?.operation !== 'mutation' || !contextValue?.identity) return;
          const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
          const codes = [...new Set((errors ?? []).map(errorCode))];
          const id = randomUUID();
          try {
            await outbox.append(dataSource.manager, contextValue.correlationId, {
              type: 'MutationAudited',
              aggregateId: id,
              unitPath: null,
              payload: {
                service,
                operationName: operationName ?? null,
                fields: fields.length > 0 ? fields : ['(none)'],
                variables: JSON.stringify(redact(request.variables ?? {})).slice(0, MAX_VARIABLES),
                subject: contextValue.identity.subject,
                roles: contextValue.identity.roles,
                unitPath: contextValue.identity.unitPath,
                outcome: codes.length > 0 ? codes.join(',') : 'OK',
                at: new Date().toISOString(),
              },
            });
            onWritten();
          } catch (error) {
            // the mutation's own outcome stands; a lost audit line is logged loudly
            logger.error({ err: error, fields }, 'could not record the audit of a mutation');
          }
        },
      };
    },
  };
}
