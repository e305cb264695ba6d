import { z } from 'zod';
import type { AlertTask, FieldScalar, RecordOutcome } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import { queryPages } from './query-pages.ts';
import { parseResponse } from './schemas.ts';
import { soqlDateTime, soqlIdList, soqlLikePrefix } from './soql.ts';
import { createCollection } from './write-collections.ts';

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

/** A Task to open on a record (an Account), for its owner. */
export interface NewTask {
  whatId: string;
  task: AlertTask;
}

function taskRecord({ whatId, task: t }: NewTask): Record<string, FieldScalar> {
  return {
    WhatId: whatId,
    ...(t.ownerId ? { OwnerId: t.ownerId } : {}),
    Subject: t.subject,
    Description: t.description,
    Priority: t.priority,
    Status: t.status,
    ActivityDate: t.activityDate,
  };
}

/**
 * Creates up to 200 Tasks in one request, each succeeding or failing on its own; results in the
 * order of the Tasks. A create is never sent again blindly (see `sfCall`): the caller looks for
 * what a lost answer may have created first.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm
 */
export const createTasks = (
  session: SalesforceSession,
  tasks: readonly NewTask[],
): Promise<RecordOutcome[]> => createCollection(session, 'Task', tasks.map(taskRecord));
