import { z } from 'zod';

/**
 * Jira's responses, as we read them. Only what the issues stream uses is typed; the rest passes
 * through untouched (custom fields stay `unknown` until the mapper reads the configured ones).
 */

/**
 * Jira's datetime, `2025-01-01T10:00:00.000+0000` (an offset without a colon, which `Date.parse`
 * does not promise to read), to epoch milliseconds. Null when it is not one.
 */
export function parseJiraDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/.exec(
    value,
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const epoch = local - offsetMin * 60_000;
  // Date.UTC rolls 2025-02-30 over into March: a date that does not exist is not a date.
  const check = new Date(local);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  return Number.isFinite(epoch) && epoch >= 0 ? epoch : null;
}

const JiraDateTime = z.string().transform((value, ctx) => {
  const ms = parseJiraDateTime(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `not a Jira datetime: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return ms;
});

const Named = z.looseObject({ name: z.string() });

export const JiraIssue = z.looseObject({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z.looseObject({
    issuetype: Named,
    priority: Named.nullish(),
    status: z.looseObject({ statusCategory: z.looseObject({ key: z.string() }) }),
    created: JiraDateTime,
    updated: JiraDateTime,
    resolutiondate: JiraDateTime.nullish(),
  }),
});
export type JiraIssue = z.infer<typeof JiraIssue>;

/** Cloud `POST /rest/api/3/search/jql`: token pages, no total. */
export const JiraCloudSearchPage = z.looseObject({
  issues: z.array(JiraIssue).default([]),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
export type JiraCloudSearchPage = z.infer<typeof JiraCloudSearchPage>;

/** Data Center `GET /rest/api/2/search`: offset pages with a total. */
export const JiraDcSearchPage = z.looseObject({
  startAt: z.number().int().nonnegative(),
  maxResults: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(JiraIssue),
});
export type JiraDcSearchPage = z.infer<typeof JiraDcSearchPage>;

/** Cloud `POST /rest/api/3/search/approximate-count`. */
export const JiraApproximateCount = z.looseObject({ count: z.number().int().nonnegative() });
export type JiraApproximateCount = z.infer<typeof JiraApproximateCount>;
