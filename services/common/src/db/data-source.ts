import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { OutboxEventEntity } from '../outbox/outbox.entity';
import { ProcessedEventEntity } from '../consumer/processed-event.entity';
import { CreateEventTables1732500000000 } from './migrations/1732500000000-CreateEventTables';
import { OutboxDeadLetters1732500060000 } from './migrations/1732500060000-OutboxDeadLetters';
import { OutboxTraceContext1796140312525 } from './migrations/1796140312525-OutboxTraceContext';

export interface DataSourceOptions {
  url: string;
  entities: EntitySchema[];
  /** The service's own migrations; the kit's (outbox and its dead letters, processed events) run first. */
  migrations: MixedList<Function>;
  poolSize?: number;
}

/** A PostgreSQL data source with the kit's tables; the schema changes only through migrations. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const ownMigrations = Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [OutboxEventEntity, ProcessedEventEntity, ...options.entities],
    migrations: [CreateEventTables1732500000000, OutboxDeadLetters1732500060000, OutboxTraceContext1796140312525, ...ownMigrations],
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: 'thidua',
    extra: {
      max: options.poolSize ?? 10,
      // a lost server should surface as an error within seconds, not hang a request
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  });
}
