import type { JiraMapping } from '../../src/config/mappings/jira.ts';
import type { FactRef, IssueFact } from '../../src/facts/schemas.ts';
import { defineStream, type StreamContext, type StreamDef, type StreamPage } from '../../src/facts/stream.ts';
import { JiraCursor, advanceCursor } from './cursor.ts';
import { issuesFingerprint, requestedFields, startDateMs } from './jql.ts';
import { mapJiraIssue } from './map-issue.ts';
import type { JiraSearchApi } from './search-api.ts';

export interface IssuesStreamOptions {
  /** Stored issue ids, for the sweep that ends a read from the start date (issues no longer found). */
  storedIssueIds?: () => Promise<Iterable<string>>;
}

/**
 * `jira.issues`: issues matching the mapping's JQL, read by `updated` (epoch ms) from the cursor
 * minus the lookback, each page committed with its cursor. Issues are de-duplicated by id and
 * `updated`, so the lookback re-read neither loses an issue that reached the index late nor counts
 * one twice. A read from the start date (first run, --full, a JQL change) that completes in one run
 * ends by removing stored issues the search no longer returns.
 */
export function jiraIssuesStream(
  api: JiraSearchApi,
  mapping: JiraMapping,
  options: IssuesStreamOptions = {},
): StreamDef<JiraCursor> {
  const fields = requestedFields(mapping);
  const start = startDateMs(mapping);
  const lookbackMs = mapping.lookback_minutes * 60_000;

  async function* read(ctx: StreamContext<JiraCursor>): AsyncIterable<StreamPage<JiraCursor>> {
    // A read from the start date (first run, --full, a config change) can sweep at its end; one that
    // was interrupted resumes from its cursor instead, and leaves the sweep to the next full read.
    const fresh = ctx.cursor === undefined;
    let cursor: JiraCursor = ctx.cursor ?? { updatedMs: start, recent: {}, full: true };
    const sinceMs = fresh ? start : Math.max(start, cursor.updatedMs - lookbackMs);
    ctx.log.debug({ sinceMs, fresh, full: cursor.full }, 'jira.issues: searching');
    // Issues already stored at this `updated` (from the cursor, then from this run).
    const stored = new Map<string, number>(Object.entries(cursor.recent));
    const found = new Set<string>();

    const search = api.search(
      { baseJql: mapping.jql, sinceMs, fields, pageSize: mapping.page_size },
      ctx.signal,
    );
    for await (const issues of search) {
      const mapped = issues.map((issue) => mapJiraIssue(issue, mapping.fields));
      const upserts: IssueFact[] = [];
      for (const fact of mapped) {
        if (fresh) found.add(fact.id);
        if ((stored.get(fact.id) ?? -1) >= fact.updatedAt) continue;
        stored.set(fact.id, fact.updatedAt);
        upserts.push(fact);
      }
      cursor = advanceCursor(cursor, mapped, lookbackMs, ctx.now());
      yield { batch: { upserts, deletes: [] }, cursor };
      if (ctx.signal.aborted) return;
    }

    if (cursor.full) {
      const deletes: FactRef[] = [];
      if (!fresh) ctx.log.info('jira.issues: an interrupted full read finished; the next full read sweeps');
      else if (!options.storedIssueIds) ctx.log.debug('jira.issues: no stored ids given, no sweep');
      else if (found.size === 0)
        // An empty answer is as likely a lost permission (Jira hides what you may not browse) as an empty JQL.
        ctx.log.warn('jira.issues: a read from the start date found no issue; stored issues are kept');
      else
        for (const id of await options.storedIssueIds())
          if (!found.has(id)) deletes.push({ kind: 'issue', id });
      if (deletes.length)
        ctx.log.info({ removed: deletes.length }, 'jira.issues: removing issues the JQL no longer returns');
      cursor = { ...cursor, full: false };
      yield { batch: { upserts: [], deletes }, cursor };
    }
  }

  return defineStream<JiraCursor>({
    name: 'jira.issues',
    source: 'jira',
    cursor: JiraCursor,
    fingerprint: issuesFingerprint(mapping, api.deployment),
    read,
    async reconcile({ signal, facts }) {
      const { count, note } = await api.count(mapping.jql, signal);
      return { expected: count, stored: (await facts.counts()).issue, note };
    },
  });
}
