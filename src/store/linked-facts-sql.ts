/**
 * The facts linked to one account since an instant, in both dialects (`p` makes each placeholder:
 * `?` for SQLite, `$1`… for Postgres). Parameters: account id and since, three times. Reads ids
 * and times only: the account page shows which records, never what they say.
 */
export const LINKED_FACTS_SQL = (p: string | (() => string)): string => {
  const ph = typeof p === 'string' ? () => p : p;
  return `SELECT kind, id, at, rule FROM (
    SELECT 'ticket' AS kind, t.id AS id, t.created_at AS at, l.rule AS rule FROM account_links l
      JOIN tickets t ON t.id = l.entity_id WHERE l.entity = 'ticket' AND l.account_id = ${ph()} AND t.created_at >= ${ph()}
    UNION ALL
    SELECT 'call', c.id, c.started_at, l.rule FROM account_links l
      JOIN calls c ON c.id = l.entity_id WHERE l.entity = 'call' AND l.account_id = ${ph()} AND c.started_at >= ${ph()}
    UNION ALL
    SELECT 'issue', i.key, i.created_at, l.rule FROM account_links l
      JOIN issues i ON i.id = l.entity_id WHERE l.entity = 'issue' AND l.account_id = ${ph()} AND i.created_at >= ${ph()}
  ) AS f ORDER BY at DESC, id`;
};
