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

/**
 * From this size of store file on, a batch for every account runs on two threads (`ParallelReads`):
 * its statements take tenths of a second each (M's store, 160 MB: 8 statements, 1.0 s on one
 * thread, 0.5 s on two), against the worker's start-up of a few hundredths, once per process. A
 * smaller store (the demo's, a test's) never starts the worker.
 */
const PARALLEL_ABOVE_BYTES = 64 * 1024 * 1024;

/** Executes metric queries over the embedded store, as `compileMetricBatch` groups them. */
export class SqliteMetrics implements MetricRepo {
  private readonly s: Sqlite;
  private readonly parallelAboveBytes: number;

  constructor(s: Sqlite, options: { parallelAboveBytes?: number } = {}) {
    this.s = s;
    this.parallelAboveBytes = options.parallelAboveBytes ?? PARALLEL_ABOVE_BYTES;
  }

  async compute(queries: readonly MetricQuery[], accountId?: string): Promise<Map<string, MetricValue>[]> {
    const results = emptyResults(queries.length);
    const statements = compileMetricBatch(queries, SQLITE_DIALECT, accountId);
    // One store turn per statement, as other work (the console's requests) may be waiting.
    const here = (i: number): Promise<void> =>
      this.s.run(() =>
        collectRows(
          results,
          statements[i]!,
          this.s.db.prepare(statements[i]!.sql).iterate(statements[i]!.params.values) as Iterable<Row>,
        ),
      );
    const parallel =
      statements.length > 1 && accountId === undefined && this.s.fileBytes() >= this.parallelAboveBytes
        ? this.s.parallelReads()
        : undefined;
    if (parallel)
      await parallel.run(
        statements.map((st) => ({ sql: st.sql, params: st.params.values })),
        here,
        (i, rows) => collectRows(results, statements[i]!, rows as Row[]),
      );
    else for (let i = 0; i < statements.length; i++) await here(i);
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
