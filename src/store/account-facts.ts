/** One fact linked to an account: its id (for an issue, its key), when it happened, and the rule that linked it. */
export interface LinkedFactRef {
  kind: 'ticket' | 'call' | 'issue';
  /** The source record's id (a Jira issue's key): never its text, which the store does not hold. */
  id: string;
  /** Ticket created, call started, issue created (epoch ms). */
  at: number;
  rule: string;
}

/** The facts behind one account's score, for the console's account page. */
export interface AccountFactRepo {
  /** The facts linked to the account that happened at or after `since`, newest first. */
  linked(accountId: string, since: number): Promise<LinkedFactRef[]>;
}
