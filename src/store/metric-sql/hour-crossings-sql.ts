import type { HourCrossings } from '../../metrics/hour-crossings.ts';
import type { MetricFact } from '../../metrics/query.ts';
import { bugAgeDays } from '../../metrics/open-bugs.ts';
import { type Params, sqlCond, sqlExpr } from './expressions.ts';
import { ALIAS, linked, scope } from './scan-sql.ts';

/**
 * The ids of the accounts `crossings` names, in one query of both dialects: one SELECT per slice,
 * so each can use its time index. Returns null when nothing can cross (no query to run).
 */
export function hourCrossingsSql(crossings: HourCrossings, p: Params): string | null {
  const parts: string[] = [];
  const from = (facts: MetricFact): string =>
    `SELECT ${ALIAS[facts]}_l.account_id FROM ${linked(scope(facts, p), undefined)}`;
  for (const s of crossings.slices) {
    const col = sqlExpr({ op: 'field', field: s.field }, scope(s.facts, p));
    const upper = s.to === null ? '' : ` AND ${col} < ${p.bind(s.to)}`;
    const where = s.where ? ` AND ${sqlCond(s.where, scope('ticket', p))}` : '';
    parts.push(`${from(s.facts)} WHERE ${col} >= ${p.bind(s.from)}${upper}${where}`);
  }
  if (crossings.openTickets)
    parts.push(`${from('ticket')} WHERE t.status IN ('new', 'open', 'pending', 'hold')`);
  const bugs = crossings.openBugs;
  if (bugs && bugs.bugTypes.length > 0) {
    const types = bugs.bugTypes.map((x) => p.bind(x)).join(', ');
    // Whole days open, in open_bugs_weighted's own expression. node:sqlite binds every number as a
    // REAL: a bare `(at - created_at) / day` divided exactly, so every open bug moved every hour.
    const days = (at: number): string => sqlExpr(bugAgeDays(at), scope('issue', p));
    parts.push(
      `${from('issue')} WHERE i.type IN (${types}) AND i.status_category <> 'done' AND ${days(bugs.from)} <> ${days(bugs.to)}`,
    );
  }
  return parts.length === 0 ? null : parts.join('\nUNION\n');
}
