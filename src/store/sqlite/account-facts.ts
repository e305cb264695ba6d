import type { AccountFactRepo, LinkedFactRef } from '../account-facts.ts';
import { LINKED_FACTS_SQL } from '../linked-facts-sql.ts';
import type { Sqlite } from './database.ts';

export class SqliteAccountFacts implements AccountFactRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  linked(accountId: string, since: number): Promise<LinkedFactRef[]> {
    return this.s.run(() =>
      (
        this.s.prepared(LINKED_FACTS_SQL('?')).all(accountId, since, accountId, since, accountId, since) as {
          kind: LinkedFactRef['kind'];
          id: string;
          at: number;
          rule: string;
        }[]
      ).map((r) => ({ kind: r.kind, id: r.id, at: Number(r.at), rule: r.rule })),
    );
  }
}
