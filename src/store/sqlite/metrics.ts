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
 * A batch whose first statement took this long runs the rest on two threads (`ParallelReads`): the
 * worker's start-up, about 0.1 s once per process, is then small beside what it saves.
 */
const PARALLEL_AFTER_MS = 150;

/** Executes metric queries over the embedded store, as `compileMetricBatch` groups them. */
export class SqliteMetrics implements MetricRepo {
  private readonly s: Sqlite;
  private readonly parallelAfterMs: number;

  constructor(s: Sqlite, options: { parallelAfterMs?: number } = {}) {
    this.s = s;
    this.parallelAfterMs = options.parallelAfterMs ?? PARALLEL_AFTER_MS;
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
    const started = performance.now();
    if (statements.length > 0) await here(0);
    const rest = statements.slice(1);
    const parallel = rest.length > 0 && accountId === undefined ? this.s.parallelReads() : undefined;
    if (parallel && (parallel.warm || performance.now() - started >= this.parallelAfterMs))
      await parallel.run(
        rest.map((st) => ({ sql: st.sql, params: st.params.values })),
        (i) => here(i + 1),
        (i, rows) => collectRows(results, rest[i]!, rows as Row[]),
      );
    else for (let i = 1; i < statements.length; i++) await here(i);
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
