import type { AccountFactRepo, LinkedFactRef } from '../account-facts.ts';
import { LINKED_FACTS_SQL } from '../linked-facts-sql.ts';
import type { Postgres } from './database.ts';

export class PostgresAccountFacts implements AccountFactRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async linked(accountId: string, since: number): Promise<LinkedFactRef[]> {
    let n = 0;
    const rows = await this.db.query<{
      kind: LinkedFactRef['kind'];
      id: string;
      at: number | string;
      rule: string;
    }>(
      LINKED_FACTS_SQL(() => `$${++n}`),
      [accountId, since, accountId, since, accountId, since],
    );
    return rows.map((r) => ({ kind: r.kind, id: r.id, at: Number(r.at), rule: r.rule }));
  }
}
