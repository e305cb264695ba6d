import type { MetricQuery } from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import type { MetricRepo } from '../metrics.ts';
import type { Sqlite } from './database.ts';
import { collectRows, compileMetricBatch, emptyResults } from '../metric-sql/batch.ts';
import type { Row } from '../metric-sql/compiler.ts';
import { SQLITE_DIALECT } from '../metric-sql/dialect.ts';
import { Params } from '../metric-sql/expressions.ts';
import type { HourCrossings } from '../../metrics/hour-crossings.ts';
import { hourCrossingsSql } from '../metric-sql/hour-crossings-sql.ts';
import { copyBatchTables } from './metric-batch-tables.ts';

/** Executes metric queries over the embedded store, as `compileMetricBatch` groups them. */
export class SqliteMetrics implements MetricRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  async compute(
    queries: readonly MetricQuery[],
    accounts?: readonly string[],
  ): Promise<Map<string, MetricValue>[]> {
    const results = emptyResults(queries.length);
    const batch =
      accounts === undefined ? undefined : await this.s.run(() => copyBatchTables(this.s, accounts));
    try {
      // One store turn per statement, as other work (the console's requests) may be waiting.
      for (const statement of compileMetricBatch(queries, batch?.dialect ?? SQLITE_DIALECT))
        await this.s.run(() =>
          collectRows(
            results,
            statement,
            this.s.db.prepare(statement.sql).iterate(statement.params.values) as Iterable<Row>,
          ),
        );
    } finally {
      if (batch) await this.s.run(batch.drop);
    }
    return results;
  }

  accountsCrossing(crossings: HourCrossings): Promise<Set<string>> {
    return this.s.run(() => {
      const p = new Params();
      const sql = hourCrossingsSql(crossings, p);
      const ids = new Set<string>();
      if (sql === null) return ids;
      for (const row of this.s.db.prepare(sql).iterate(p.values) as Iterable<{ account_id: string }>)
        ids.add(row.account_id);
      return ids;
    });
  }
}
