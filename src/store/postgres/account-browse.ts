import type {
  AccountBrowsePage,
  AccountBrowseQuery,
  AccountBrowseRepo,
  AccountRow,
  BrowseSort,
  BrowseStatus,
} from '../account-browse.ts';
import type { Postgres, SqlParam } from './database.ts';

/**
 * The console's account list, answering exactly as `../sqlite/account-browse.ts`: SQLite's NOCASE and
 * LIKE fold ASCII letters only, which is what `lower()` and `ILIKE` do under COLLATE "C"; NULLs sort
 * last either way, ties go by account id in the same direction. One statement, so the page, the total,
 * the counts and the histogram are of one snapshot, as SQLite's reads are.
 */
const SORT_SQL: Record<BrowseSort, string> = {
  name: 'lower(b.name COLLATE "C")',
  score: 'b.score',
  trend7d: `(b.detail::jsonb ->> 'trend7d')::double precision`,
  trend30d: `(b.detail::jsonb ->> 'trend30d')::double precision`,
  tier: 'lower(b.tier COLLATE "C")',
  owner: 'b.owner_id COLLATE "C"',
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of every filter but status (counts and histogram span all statuses). */
function baseFilter(q: AccountBrowseQuery, params: SqlParam[]): string {
  const parts: string[] = [];
  const param = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.search) parts.push(`(a.name COLLATE "C") ILIKE ${param(`%${escapeLike(q.search)}%`)} ESCAPE '\\'`);
  if (q.tier !== undefined) parts.push(`a.tier = ${param(q.tier)}`);
  if (q.owner !== undefined) parts.push(`a.owner_id = ${param(q.owner)}`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

interface Row {
  total: number;
  groups: [BrowseStatus, number | null, number][] | null;
  id: string | null;
  name: string;
  tier: string | null;
  owner_id: string | null;
  score: number | null;
  status: BrowseStatus;
  trend7d: number | null;
  trend30d: number | null;
  top_driver: string | null;
}

export class PostgresAccountBrowse implements AccountBrowseRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async browse(q: AccountBrowseQuery): Promise<AccountBrowsePage> {
    const params: SqlParam[] = [];
    const base = baseFilter(q, params);
    let statusSql = 'TRUE';
    if (q.statuses?.length) {
      params.push(q.statuses);
      statusSql = `b.status = ANY($${params.length}::text[])`;
    }
    params.push(q.limit, q.offset);
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const sort = SORT_SQL[q.sort];
    const keys = `(${sort}) IS NULL, ${sort} ${dir}, b.id COLLATE "C" ${dir}`;
    // The summary is one row joined to the page, so that an empty page still carries it. A score's
    // bin is NULL without a score (SQLite's MIN(NULL, 9) is NULL; LEAST would give 9).
    const rows = await this.db.query<Row>(
      `WITH base AS (
         SELECT a.id, a.name, a.tier, a.owner_id, s.score, COALESCE(s.status, 'unscored') AS status, s.detail
         FROM accounts a LEFT JOIN scores s ON s.account_id = a.id WHERE ${base}
       ),
       page AS (
         SELECT b.id, b.name, b.tier, b.owner_id, b.score, b.status, b.detail,
           row_number() OVER (ORDER BY ${keys}) AS ord
         FROM base b WHERE ${statusSql} ORDER BY ${keys}
         LIMIT $${params.length - 1} OFFSET $${params.length}
       ),
       summary AS (
         SELECT (SELECT COUNT(*) FROM base b WHERE ${statusSql}) AS total,
           (SELECT json_agg(json_build_array(g.status, g.bin, g.n)) FROM (
              SELECT b.status,
                CASE WHEN b.score IS NULL THEN NULL ELSE LEAST(trunc(b.score / 10)::int, 9) END AS bin,
                COUNT(*) AS n
              FROM base b GROUP BY 1, 2) g) AS groups
       )
       SELECT sm.total, sm.groups, p.id, p.name, p.tier, p.owner_id, p.score, p.status,
         (p.detail::jsonb ->> 'trend7d')::double precision AS trend7d,
         (p.detail::jsonb ->> 'trend30d')::double precision AS trend30d,
         p.detail::jsonb -> 'drivers' ->> 0 AS top_driver
       FROM summary sm LEFT JOIN page p ON TRUE ORDER BY p.ord`,
      params,
    );
    const first = rows[0]!;
    const counts: Record<BrowseStatus, number> = {
      green: 0,
      yellow: 0,
      red: 0,
      insufficient_data: 0,
      unscored: 0,
    };
    const histogram = Array.from({ length: 10 }, () => 0);
    for (const [status, bin, n] of first.groups ?? []) {
      counts[status] += n;
      if (bin !== null) histogram[bin] = (histogram[bin] ?? 0) + n;
    }
    return { total: first.total, items: rows.filter((r) => r.id !== null).map(toItem), counts, histogram };
  }
}

const toItem = (r: Row): AccountRow => ({
  accountId: r.id!,
  name: r.name,
  tier: r.tier,
  ownerId: r.owner_id,
  score: r.score,
  status: r.status,
  trend7d: r.trend7d,
  trend30d: r.trend30d,
  topDriver: r.top_driver,
});
