import type { MetricId } from '../../config/mappings/metric-ids.ts';
import type { MetricRepo, MetricRequest, MetricValue } from '../../metrics/types.ts';
import { BASELINE_DAYS, DAY_MS, REPEAT_WINDOW_MS, ageReference, windowStart } from '../../metrics/windows.ts';
import type { Sqlite } from './database.ts';
import { openBugsQuery } from './metrics-bugs.ts';
import {
  OPEN,
  Params,
  SOLVED,
  contactCountsSql,
  contactsSql,
  linked,
  quantileSql,
  slaTarget,
  ticketShareSql,
} from './metrics-sql.ts';

type Row = Record<string, unknown>;
interface Query {
  sql: string;
  /** Turns one result row into the account's value. */
  value(row: Row): MetricValue;
}
interface Ctx {
  r: MetricRequest;
  p: Params;
  /** Bound parameters for the window [start, now] (both ends included). */
  start: string;
  now: string;
  /** Bound parameter: the instant ages are taken at (windows.ts). */
  at: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);
const ratio = (row: Row): MetricValue => ({
  value: num(row['sample']) > 0 ? num(row['hits']) / num(row['sample']) : null,
  sample: num(row['sample']),
});
const quantile = (row: Row): MetricValue => ({
  value: row['value'] === null ? null : num(row['value']),
  sample: num(row['sample']),
});

function share(c: Ctx, time: 'created_at' | 'solved_at', population: string, hit: string): Query {
  return { sql: ticketShareSql({ time, population, hit }, c.p, c, c.r.accountId), value: ratio };
}

function slaShare(c: Ctx, kinds: ('firstReplyMinutes' | 'resolutionMinutes')[]): Query {
  const column = {
    firstReplyMinutes: 't.first_reply_minutes',
    resolutionMinutes: 't.full_resolution_minutes',
  };
  const parts = kinds.map((k) => ({ column: column[k], target: slaTarget(k, c.r.settings.sla, c.p) }));
  return share(
    c,
    'created_at',
    parts.map((x) => `${x.column} IS NOT NULL AND ${x.target} IS NOT NULL`).join(' AND '),
    parts.map((x) => `${x.column} <= ${x.target}`).join(' AND '),
  );
}

function resolutionQuantile(c: Ctx, q: { num: number; den: number }): Query {
  const target = slaTarget('resolutionMinutes', c.r.settings.sla, c.p);
  const values = `SELECT t_l.account_id AS account_id, t.full_resolution_minutes * 1.0 / ${target} AS x
    FROM ${linked('ticket', 't', c.p, c.r.accountId)}
    WHERE t.solved_at BETWEEN ${c.start} AND ${c.now} AND ${SOLVED}
      AND t.full_resolution_minutes IS NOT NULL AND ${target} IS NOT NULL`;
  return { sql: quantileSql(values, q), value: quantile };
}

function contactSpike(c: Ctx): Query {
  const from = c.p.bind(windowStart(c.r.now, c.r.spec.windowDays + BASELINE_DAYS));
  const expected = c.r.spec.windowDays / BASELINE_DAYS;
  return {
    sql: contactCountsSql(c.p, { from, split: c.start, to: c.now }, c.r.accountId),
    value: (row) => {
      const current = num(row['late']);
      const baseline = num(row['early']);
      return {
        value: baseline > 0 ? current / (baseline * expected) : null,
        sample: baseline,
        detail: { current, baseline },
      };
    },
  };
}

function repeatContacts(c: Ctx): Query {
  const from = c.p.bind(windowStart(c.r.now, c.r.spec.windowDays) - REPEAT_WINDOW_MS);
  const gap = c.p.bind(REPEAT_WINDOW_MS);
  // The earlier contact may lie before the window; ties in time are ordered by source and id.
  return {
    sql: `WITH c AS (${contactsSql(c.p, from, c.now, c.r.accountId)}),
      q AS (SELECT account_id, at,
        LAG(at) OVER (PARTITION BY account_id, person ORDER BY at, src, id) AS prev
        FROM c WHERE person IS NOT NULL)
      SELECT account_id, COUNT(*) AS sample,
        SUM(CASE WHEN prev IS NOT NULL AND at - prev <= ${gap} THEN 1 ELSE 0 END) AS hits
      FROM q WHERE at >= ${c.start} GROUP BY account_id`,
    value: ratio,
  };
}

function complaintTurnaround(c: Ctx): Query {
  const category = c.p.bind(String(c.r.spec.params['category'] ?? ''));
  const target = c.p.bind(Number(c.r.spec.params['target_hours'] ?? 0) * 3_600_000);
  const solved = `${SOLVED} AND t.solved_at IS NOT NULL AND t.solved_at <= ${c.now}`;
  // Calendar time (complaint rules count calendar days). An open complaint counts once it is overdue.
  return share(
    c,
    'created_at',
    `t.category = ${category} AND ((${solved}) OR ${c.at} - t.created_at > ${target})`,
    `${solved} AND t.solved_at - t.created_at <= ${target}`,
  );
}

/** Every ticket open at `now`, however old: the window does not apply to a backlog. */
function openTicketAge(c: Ctx): Query {
  const values = `SELECT t_l.account_id AS account_id, MAX(0, ${c.at} - t.created_at) / ${DAY_MS}.0 AS x
    FROM ${linked('ticket', 't', c.p, c.r.accountId)}
    WHERE ${OPEN} AND t.created_at <= ${c.now}`;
  return { sql: quantileSql(values, { num: 1, den: 2 }), value: quantile };
}

function callShare(c: Ctx, population: string, hit: string): Query {
  return {
    sql: `SELECT c_l.account_id AS account_id, COUNT(*) AS sample,
        SUM(CASE WHEN ${hit} THEN 1 ELSE 0 END) AS hits
      FROM ${linked('call', 'c', c.p, c.r.accountId)}
      WHERE c.started_at BETWEEN ${c.start} AND ${c.now} AND ${population} GROUP BY c_l.account_id`,
    value: ratio,
  };
}

function contacts(c: Ctx): Query {
  return {
    sql: contactCountsSql(c.p, { from: c.start, split: c.start, to: c.now }, c.r.accountId),
    value: (row) => ({ value: num(row['late']), sample: num(row['late']) }),
  };
}

const QUERIES: Record<Exclude<MetricId, 'open_bugs_weighted'>, (c: Ctx) => Query> = {
  contacts,
  contact_spike: contactSpike,
  resolution_vs_sla_median: (c) => resolutionQuantile(c, { num: 1, den: 2 }),
  resolution_vs_sla_p90: (c) => resolutionQuantile(c, { num: 9, den: 10 }),
  sla_adherence: (c) => slaShare(c, ['firstReplyMinutes', 'resolutionMinutes']),
  first_reply_sla_adherence: (c) => slaShare(c, ['firstReplyMinutes']),
  resolution_sla_adherence: (c) => slaShare(c, ['resolutionMinutes']),
  escalation_rate: (c) => share(c, 'created_at', '1 = 1', 't.escalated = 1'),
  first_contact_resolution: (c) =>
    share(
      c,
      'solved_at',
      `${SOLVED} AND t.replies IS NOT NULL AND t.reopens IS NOT NULL`,
      't.replies <= 1 AND t.reopens = 0',
    ),
  open_ticket_age_days: openTicketAge,
  complaint_turnaround: complaintTurnaround,
  csat: (c) => share(c, 'solved_at', 't.satisfaction IS NOT NULL', `t.satisfaction = 'good'`),
  reopen_rate: (c) => share(c, 'solved_at', `${SOLVED} AND t.reopens IS NOT NULL`, 't.reopens >= 1'),
  repeat_contact_rate: repeatContacts,
  abandoned_call_rate: (c) => callShare(c, `c.direction = 'inbound'`, 'c.abandoned = 1'),
  avg_handle_time_sec: (c) => ({
    sql: `SELECT c_l.account_id AS account_id, COUNT(*) AS sample, AVG(c.handle_sec) AS value
      FROM ${linked('call', 'c', c.p, c.r.accountId)}
      WHERE c.started_at BETWEEN ${c.start} AND ${c.now} AND c.abandoned = 0 AND c.handle_sec IS NOT NULL
      GROUP BY c_l.account_id`,
    value: quantile,
  }),
  risk_flags: (c) => ({
    ...share(c, 'created_at', '1 = 1', 't.risk_flag = 1'),
    value: (row) => ({ value: num(row['hits']), sample: num(row['sample']) }),
  }),
};

/** The metric queries over the embedded store: one grouped query per metric and window. */
export class SqliteMetrics implements MetricRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  compute(r: MetricRequest): Map<string, MetricValue> {
    const p = new Params();
    const c: Ctx = {
      r,
      p,
      get start() {
        return p.once('start', () => windowStart(r.now, r.spec.windowDays));
      },
      get now() {
        return p.once('now', () => r.now);
      },
      get at() {
        return p.once('at', () => ageReference(r.now));
      },
    };
    const q = r.spec.metric === 'open_bugs_weighted' ? openBugsQuery(r, p, c) : QUERIES[r.spec.metric](c);
    const out = new Map<string, MetricValue>();
    for (const row of this.s.db.prepare(q.sql).iterate(p.values) as Iterable<Row>) {
      const id = row['account_id'];
      if (typeof id === 'string') out.set(id, q.value(row));
    }
    return out;
  }
}
