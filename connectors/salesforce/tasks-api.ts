import type { SalesforceSession } from './auth.ts';
import { z } from 'zod';
import { queryPages } from './query-pages.ts';
import { parseResponse } from './schemas.ts';
import { soqlDateTime, soqlIdList, soqlLikePrefix } from './soql.ts';

export const SalesforceTaskRow = z.looseObject({
  Id: z.string(),
  WhatId: z.string().nullable(),
  Description: z.string().nullable().optional(),
});
export type SalesforceTaskRow = z.infer<typeof SalesforceTaskRow>;

/** Ids per query: 200 quoted 18-character ids stay far below SOQL's 100,000-character limit. */
const IDS_PER_QUERY = 200;

/**
 * Tasks on these records whose Subject starts with `subjectPrefix`, created since `since`. The
 * caller looks for its marker in Description: a long text area cannot be filtered in SOQL.
 */
export async function findTasks(
  session: SalesforceSession,
  whatIds: readonly string[],
  subjectPrefix: string,
  since: number,
): Promise<SalesforceTaskRow[]> {
  const out: SalesforceTaskRow[] = [];
  const unique = [...new Set(whatIds)];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const ids = unique.slice(i, i + IDS_PER_QUERY);
    const soql =
      `SELECT Id, WhatId, Description FROM Task WHERE WhatId IN ${soqlIdList(ids)}` +
      ` AND Subject LIKE ${soqlLikePrefix(subjectPrefix)} AND CreatedDate >= ${soqlDateTime(since)} ORDER BY CreatedDate`;
    for await (const page of queryPages(session, soql))
      for (const r of page.records) out.push(parseResponse(SalesforceTaskRow, r, 'GET /query (Task)'));
  }
  return out;
}
