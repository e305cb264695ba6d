import { z } from 'zod';
import type { MatchRule } from '../config/mappings/accounts.ts';
import type { UnmatchedReport } from '../sync/stages/match/unmatched-report.ts';

/** Suggestions per kind of key: the top few are what ops act on first. */
export const SUGGESTIONS_PER_KIND = 5;

export const RuleSuggestion = z.object({
  source: z.enum(['zendesk', 'jira', 'genesys']),
  /** The unmatched key: an organization, an email domain, a Jira account reference, a Genesys org id. */
  key: z.string(),
  /** Unlinked facts behind it. */
  facts: z.number().int(),
  /** What to do, in one sentence. */
  fix: z.string(),
  /** YAML for accounts.yaml (a rule to add under `rules:`, or a rule's changed line); null when the fix is in the source's data. */
  yaml: z.string().nullable(),
});
export type RuleSuggestion = z.infer<typeof RuleSuggestion>;

const ruleYaml = (r: {
  name: string;
  source: string;
  match: string;
  from: string;
  ignore?: string[];
}): string =>
  [
    `- name: ${r.name}`,
    `  source: ${r.source}`,
    `  match: ${r.match}`,
    `  from: ${r.from}`,
    ...(r.ignore ? [`  ignore_domains: [${r.ignore.join(', ')}]`] : []),
  ].join('\n');

const FREE_MAIL = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
];

/**
 * Pure: for the top unmatched keys, the change that would link them. Where accounts.yaml lacks the
 * rule that reads such a key, the rule to add; where it has it, what is wrong with the key (an
 * organization without external_id, a domain no Account's website has) and, for a domain that
 * names no customer, the rule's `ignore_domains` line with it added.
 */
export function suggestRules(report: UnmatchedReport, rules: readonly MatchRule[]): RuleSuggestion[] {
  const ruleFrom = (from: string): MatchRule | undefined => rules.find((r) => r.from === from);
  const out: RuleSuggestion[] = [];
  const orgRule = ruleFrom('organization.external_id');
  for (const o of report.zendesk?.organizations.slice(0, SUGGESTIONS_PER_KIND) ?? []) {
    const label = o.name ? `"${o.name}" (${o.id})` : o.id;
    out.push({
      source: 'zendesk',
      key: label,
      facts: o.tickets,
      ...(!orgRule
        ? {
            fix: `Add this rule, then set organization ${label}'s external_id in Zendesk to its Salesforce Account Id.`,
            yaml: ruleYaml({
              name: 'zendesk-org-external-id',
              source: 'zendesk',
              match: 'account_id',
              from: 'organization.external_id',
            }),
          }
        : o.externalId === null
          ? {
              fix: `Set organization ${label}'s external_id in Zendesk to its Salesforce Account Id: rule ${orgRule.name} then links it.`,
              yaml: null,
            }
          : {
              fix: `external_id ${o.externalId} of organization ${label} is no Salesforce Account in scope (accounts.yaml salesforce.where): correct it in Zendesk.`,
              yaml: null,
            }),
    });
  }
  const domainRule = ruleFrom('ticket.requester_domain');
  for (const d of report.zendesk?.emailDomains.slice(0, SUGGESTIONS_PER_KIND) ?? [])
    out.push({
      source: 'zendesk',
      key: d.domain,
      facts: d.tickets,
      ...(!domainRule
        ? {
            fix: `Add this rule: tickets from ${d.domain} link to the Account whose Website is on that domain.`,
            yaml: ruleYaml({
              name: 'zendesk-requester-domain',
              source: 'zendesk',
              match: 'domain',
              from: 'ticket.requester_domain',
              ignore: FREE_MAIL,
            }),
          }
        : domainRule.ignore_domains.includes(d.domain)
          ? {
              fix: `${d.domain} names no customer (rule ${domainRule.name} ignores it): these tickets link only through an organization; give their requesters one in Zendesk.`,
              yaml: null,
            }
          : {
              fix: `No Account's Website is on ${d.domain}: set it on the customer's Account in Salesforce, or, if ${d.domain} names no customer (free mail, a partner), ignore it in rule ${domainRule.name}:`,
              yaml: `  ignore_domains: [${[...domainRule.ignore_domains, d.domain].join(', ')}]`,
            }),
    });
  const refRule = ruleFrom('issue.account_refs');
  for (const a of report.jira?.accountRefs.slice(0, SUGGESTIONS_PER_KIND) ?? [])
    out.push({
      source: 'jira',
      key: a.ref,
      facts: a.issues,
      ...(!refRule
        ? {
            fix: 'Add this rule: issues whose account field holds an Account Id link to it.',
            yaml: ruleYaml({
              name: 'jira-account-field',
              source: 'jira',
              match: 'account_id',
              from: 'issue.account_refs',
            }),
          }
        : {
            fix: `${a.ref} is no Salesforce Account in scope: correct the issues' account field in Jira.`,
            yaml: null,
          }),
    });
  const callRule = ruleFrom('call.external_org_id');
  for (const g of report.genesys?.externalOrgIds.slice(0, SUGGESTIONS_PER_KIND) ?? [])
    out.push({
      source: 'genesys',
      key: g.id,
      facts: g.calls,
      ...(!callRule
        ? {
            fix: 'Add this rule: calls whose external organization holds an Account Id link to it.',
            yaml: ruleYaml({
              name: 'genesys-external-org',
              source: 'genesys',
              match: 'account_id',
              from: 'call.external_org_id',
            }),
          }
        : {
            fix: `${g.id} is no Salesforce Account in scope: correct the external organization in Genesys.`,
            yaml: null,
          }),
    });
  return out;
}
