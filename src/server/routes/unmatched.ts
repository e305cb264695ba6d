import { z } from 'zod';
import { MATCHED_SOURCES } from '../../config/mappings/accounts.ts';
import { unmatchedReport } from '../../sync/stages/match/unmatched-report.ts';
import { ApiError } from '../api-error.ts';
import { defineRoute } from '../route.ts';
import { RuleSuggestion, suggestRules } from '../unmatched-suggestions.ts';

const SourceList = z
  .string()
  .regex(/^[a-z]+(,[a-z]+)*$/, `comma-separated: ${MATCHED_SOURCES.join(',')}`)
  .transform((s) => s.split(','))
  .pipe(z.array(z.enum(MATCHED_SOURCES)));

const Query = z
  .object({
    /** Only these sources (comma-separated; default: zendesk, jira and genesys). */
    source: SourceList.optional(),
    /** At most this many keys per list (default 20). */
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'an integer from 1 to 1000')
      .transform(Number)
      .pipe(z.number().int().min(1).max(1000))
      .optional(),
  })
  .strict();

const count = z.number().int().nonnegative();
const Report = z.object({
  unlinked: z
    .record(z.string(), z.record(z.string(), count))
    .describe(
      'every unlinked fact, by source and the first rule that found nothing (none: no rule had a key)',
    ),
  zendesk: z
    .object({
      organizations: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          externalId: z.string().nullable(),
          tickets: count,
        }),
      ),
      emailDomains: z.array(z.object({ domain: z.string(), tickets: count })),
      ticketsWithoutKey: count,
    })
    .optional(),
  jira: z
    .object({
      accountRefs: z.array(z.object({ ref: z.string(), issues: count })),
      issues: z.array(z.object({ key: z.string(), firstRule: z.string() })),
    })
    .optional(),
  genesys: z
    .object({
      externalOrgIds: z.array(z.object({ id: z.string(), calls: count })),
      distinctCallers: count.describe('distinct caller numbers (stored hashed; never shown)'),
      callsWithCaller: count,
      callsWithoutKey: count,
    })
    .optional(),
  suggestions: z
    .array(RuleSuggestion)
    .describe('for the top keys, the accounts.yaml rule (or data fix) that would link them'),
});

export const unmatchedGet = defineRoute({
  method: 'get',
  path: '/unmatched',
  summary:
    'What is linked to no account now, per source and rule, and the keys behind it: Zendesk organizations ' +
    'and requester email domains, Jira issues and account references, Genesys external org ids; callers only as a count',
  tag: 'matching',
  access: 'viewer',
  query: Query,
  responses: {
    200: { description: 'the report', schema: Report },
    503: { description: 'no mapping configuration is loaded (NOT_READY)' },
  },
  handle: async ({ app, query }) => {
    const loaded = app.mappings.current();
    if (!loaded) throw new ApiError(503, 'NOT_READY', 'no mapping configuration is loaded');
    const report = await unmatchedReport(app.store, loaded.mappings.accounts.rules, {
      limit: query.limit ?? 20,
      ...(query.source ? { sources: query.source } : {}),
    });
    return {
      status: 200,
      json: { ...report, suggestions: suggestRules(report, loaded.mappings.accounts.rules) },
    };
  },
});
