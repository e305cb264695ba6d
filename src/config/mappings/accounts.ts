import { z } from 'zod';
import type { SourceName } from '../../errors.ts';
import { sfFieldName } from './common.ts';
import { soqlConditionProblem } from './soql-condition.ts';

/** Which keys each source can offer for each kind of match. */
export const RULE_KEYS = {
  account_id: ['organization.external_id', 'issue.account_refs', 'call.external_org_id'],
  domain: ['organization.domains', 'ticket.requester_domain'],
  phone: ['call.caller_key'],
  linked_ticket: ['issue.ticket_refs'],
} as const;

/** The source each kind of fact that rules match comes from. */
export const SOURCE_OF_KIND = {
  organization: 'zendesk',
  ticket: 'zendesk',
  issue: 'jira',
  call: 'genesys',
} as const satisfies Record<string, SourceName>;

/** The sources whose facts are matched to accounts. */
export const MATCHED_SOURCES = [...new Set(Object.values(SOURCE_OF_KIND))];

export const MatchRule = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case, e.g. zendesk-org-external-id'),
    source: z.enum(MATCHED_SOURCES),
    match: z.enum(['account_id', 'domain', 'phone', 'linked_ticket']),
    from: z.enum([...new Set(Object.values(RULE_KEYS).flat())] as [string, ...string[]]),
    /** Free-mail and shared domains that identify no company. */
    ignore_domains: z.array(z.string()).default([]),
  })
  .strict();
export type MatchRule = z.infer<typeof MatchRule>;

export const AccountsMapping = z
  .object({
    version: z.literal(1),
    salesforce: z
      .object({
        fields: z
          .object({
            name: sfFieldName.default('Name'),
            owner: sfFieldName.default('OwnerId'),
            tier: sfFieldName.nullable().default(null),
            website: sfFieldName.nullable().default('Website'),
            phone: sfFieldName.nullable().default('Phone'),
          })
          .strict(),
        /** More fields to read, by the name scorecard segments and signals use for them. */
        extra: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), sfFieldName).default({}),
        /** An optional SOQL condition, e.g. `Type = 'Customer'` (its syntax checked here, its meaning by the org). */
        where: z
          .string()
          .superRefine((where, ctx) => {
            const problem = soqlConditionProblem(where);
            if (problem) ctx.addIssue({ code: 'custom', message: `not a SOQL condition: ${problem}` });
          })
          .nullable()
          .default(null),
      })
      .strict(),
    /** Country calling code used for numbers written without one (E.164 normalization). */
    phone_default_country_code: z.string().regex(/^\d{1,3}$/).default('1'),
    /** Tried in order; the first rule that finds an account wins. */
    rules: z.array(MatchRule).min(1),
  })
  .strict();
export type AccountsMapping = z.infer<typeof AccountsMapping>;
