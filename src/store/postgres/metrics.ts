import type { MetricQuery } from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { collectRows, compileMetricBatch, emptyResults } from '../metric-sql/batch.ts';
import { Params } from '../metric-sql/expressions.ts';
import type { HourCrossings } from '../../metrics/hour-crossings.ts';
import { hourCrossingsSql } from '../metric-sql/hour-crossings-sql.ts';
import type { MetricRepo } from '../metrics.ts';
import type { Postgres } from './database.ts';
import { POSTGRES_DIALECT } from './metric-sql-dialect.ts';

/** Executes metric queries on Postgres: each compiles, from the same AST as SQLite's, to one grouped query. */
export class PostgresMetrics implements MetricRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async compute(
    queries: readonly MetricQuery[],
    accounts?: readonly string[],
  ): Promise<Map<string, MetricValue>[]> {
    const results = emptyResults(queries.length);
    for (const statement of compileMetricBatch(queries, POSTGRES_DIALECT, accounts))
      collectRows(results, statement, await this.db.query(statement.sql, statement.params.list));
    return results;
  }

  async accountsCrossing(crossings: HourCrossings): Promise<Set<string>> {
    const p = new Params(POSTGRES_DIALECT);
    const sql = hourCrossingsSql(crossings, p);
    if (sql === null) return new Set();
    return new Set((await this.db.query(sql, p.list)).map((row) => String(row['account_id'])));
  }
}
