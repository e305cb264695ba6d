import type {
  AccountBrowsePage,
  AccountBrowseQuery,
  AccountBrowseRepo,
  AccountRow,
  BrowseSort,
  BrowseStatus,
} from '../account-browse.ts';
import type { Sqlite } from './database.ts';

type Arg = string | number;

// Unscored accounts (no row in scores) read as status 'unscored'; NULLs sort last either way.
const STATUS = "COALESCE(s.status, 'unscored')";
const SORT_SQL: Record<BrowseSort, string> = {
  name: 'a.name COLLATE NOCASE',
  score: 's.score',
  trend7d: "json_extract(s.detail, '$.trend7d')",
  trend30d: "json_extract(s.detail, '$.trend30d')",
  tier: 'a.tier COLLATE NOCASE',
  owner: 'a.owner_id',
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of every filter but status (counts and histogram span all statuses). */
function baseFilter(q: AccountBrowseQuery): { sql: string; args: Arg[] } {
  const parts: string[] = [];
  const args: Arg[] = [];
  if (q.search) {
    parts.push("a.name LIKE ? ESCAPE '\\'");
    args.push(`%${escapeLike(q.search)}%`);
  }
  if (q.tier !== undefined) {
    parts.push('a.tier = ?');
    args.push(q.tier);
  }
  if (q.owner !== undefined) {
    parts.push('a.owner_id = ?');
    args.push(q.owner);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', args };
}

interface Row {
  id: string;
  name: string;
  tier: string | null;
  owner_id: string | null;
  score: number | null;
  status: BrowseStatus;
  trend7d: number | null;
  trend30d: number | null;
  top_driver: string | null;
}

const FROM = 'FROM accounts a LEFT JOIN scores s ON s.account_id = a.id';

export class SqliteAccountBrowse implements AccountBrowseRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  browse(q: AccountBrowseQuery): Promise<AccountBrowsePage> {
    return this.s.run(() => {
      const base = baseFilter(q);
      const statusSql = q.statuses?.length
        ? ` AND ${STATUS} IN (${q.statuses.map(() => '?').join(', ')})`
        : '';
      const where = `WHERE ${base.sql}${statusSql}`;
      const args = [...base.args, ...(q.statuses ?? [])];
      const dir = q.order === 'desc' ? 'DESC' : 'ASC';
      const sort = SORT_SQL[q.sort];
      const rows = this.s.db
        .prepare(
          `SELECT a.id, a.name, a.tier, a.owner_id, s.score, ${STATUS} AS status,
             json_extract(s.detail, '$.trend7d') AS trend7d, json_extract(s.detail, '$.trend30d') AS trend30d,
             json_extract(s.detail, '$.drivers[0]') AS top_driver
           ${FROM} ${where}
           ORDER BY (${sort}) IS NULL, ${sort} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`,
        )
        .all(...args, q.limit, q.offset) as unknown as Row[];
      const total = (this.s.db.prepare(`SELECT COUNT(*) AS n ${FROM} ${where}`).get(...args) as { n: number })
        .n;
      const counts: Record<BrowseStatus, number> = {
        green: 0,
        yellow: 0,
        red: 0,
        insufficient_data: 0,
        unscored: 0,
      };
      const histogram = Array.from({ length: 10 }, () => 0);
      const groups = this.s.db
        .prepare(
          `SELECT ${STATUS} AS status, MIN(CAST(s.score / 10 AS INTEGER), 9) AS bin, COUNT(*) AS n
           ${FROM} WHERE ${base.sql} GROUP BY 1, 2`,
        )
        .all(...base.args) as unknown as { status: BrowseStatus; bin: number | null; n: number }[];
      for (const g of groups) {
        counts[g.status] += g.n;
        if (g.bin !== null) histogram[g.bin] = (histogram[g.bin] ?? 0) + g.n;
      }
      return { total, items: rows.map(toItem), counts, histogram };
    });
  }
}

const toItem = (r: Row): AccountRow => ({
  accountId: r.id,
  name: r.name,
  tier: r.tier,
  ownerId: r.owner_id,
  score: r.score,
  status: r.status,
  trend7d: r.trend7d,
  trend30d: r.trend30d,
  topDriver: r.top_driver,
});
