import type { MetricQuery } from '../../metrics/query.ts';
import type { MetricValue } from '../../metrics/types.ts';
import type { MetricRepo } from '../metrics.ts';
import type { Sqlite } from './database.ts';
import { compileMetricQuery } from '../metric-sql/compiler.ts';
import { Params } from '../metric-sql/expressions.ts';
import type { HourCrossings } from '../../metrics/hour-crossings.ts';
import { hourCrossingsSql } from '../metric-sql/hour-crossings-sql.ts';

/** Executes metric queries over the embedded store: each compiles to one grouped SQL query. */
export class SqliteMetrics implements MetricRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  compute(query: MetricQuery, accountId?: string): Promise<Map<string, MetricValue>> {
    return this.s.run(() => this.read(query, accountId));
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

  private read(query: MetricQuery, accountId: string | undefined): Map<string, MetricValue> {
    const p = new Params();
    const compiled = compileMetricQuery(query, p, accountId);
    const out = new Map<string, MetricValue>();
    for (const row of this.s.db.prepare(compiled.sql).iterate(p.values) as Iterable<
      Record<string, unknown>
    >) {
      const id = row['account_id'];
      if (typeof id === 'string') out.set(id, compiled.read(row));
    }
    return out;
  }
}
