import { sql as initial } from './001-initial.ts';

/**
 * Forward-only migrations, applied in order at start and recorded in `schema_migrations`.
 * Never edit a released migration: add the next number.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [{ id: 1, name: 'initial', sql: initial }];
