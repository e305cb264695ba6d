import { describe, expect, it } from 'vitest';
import { MatchRule } from '../../src/config/mappings/accounts.ts';
import { suggestRules } from '../../src/server/unmatched-suggestions.ts';
import type { UnmatchedReport } from '../../src/sync/stages/match/unmatched-report.ts';

const report: UnmatchedReport = {
  unlinked: {},
  zendesk: {
    organizations: [
      { id: '901', name: 'Acme', externalId: null, tickets: 12 },
      { id: '902', name: null, externalId: '001XYZ', tickets: 3 },
    ],
    emailDomains: [{ domain: 'acme.example', tickets: 7 }],
    ticketsWithoutKey: 0,
  },
  genesys: {
    externalOrgIds: [{ id: 'g-1', calls: 2 }],
    distinctCallers: 0,
    callsWithCaller: 0,
    callsWithoutKey: 0,
  },
};
const rule = (over: Partial<MatchRule>): MatchRule =>
  MatchRule.parse({
    name: 'r',
    source: 'zendesk',
    match: 'account_id',
    from: 'organization.external_id',
    ...over,
  });

describe('suggestRules', () => {
  it('suggests the rule to add when accounts.yaml has none that reads such a key, as YAML', () => {
    const s = suggestRules(report, []);
    expect(s.map((x) => [x.source, x.key, x.facts])).toEqual([
      ['zendesk', '"Acme" (901)', 12],
      ['zendesk', '902', 3],
      ['zendesk', 'acme.example', 7],
      ['genesys', 'g-1', 2],
    ]);
    expect(s[0]?.yaml).toBe(
      '- name: zendesk-org-external-id\n  source: zendesk\n  match: account_id\n  from: organization.external_id',
    );
    expect(s[2]?.yaml).toContain('from: ticket.requester_domain\n  ignore_domains: [gmail.com');
    expect(s[3]?.yaml).toContain('from: call.external_org_id');
  });

  it('with the rules in place, says what is wrong with the key, and offers to ignore a domain', () => {
    const s = suggestRules(report, [
      rule({ name: 'zendesk-org-external-id' }),
      rule({
        name: 'by-domain',
        match: 'domain',
        from: 'ticket.requester_domain',
        ignore_domains: ['gmail.com'],
      }),
      rule({ name: 'calls', source: 'genesys', from: 'call.external_org_id' }),
    ]);
    expect(s[0]).toMatchObject({ yaml: null, fix: expect.stringContaining('external_id in Zendesk') });
    expect(s[1]?.fix).toContain('001XYZ');
    expect(s[2]).toMatchObject({
      yaml: '  ignore_domains: [gmail.com, acme.example]',
      fix: expect.stringContaining('by-domain'),
    });
    expect(s[3]?.yaml).toBeNull();
    // A domain the rule already ignores is not offered again.
    const ignored = suggestRules(
      {
        unlinked: {},
        zendesk: {
          organizations: [],
          emailDomains: [{ domain: 'gmail.com', tickets: 4 }],
          ticketsWithoutKey: 0,
        },
      },
      [
        rule({
          name: 'by-domain',
          match: 'domain',
          from: 'ticket.requester_domain',
          ignore_domains: ['gmail.com'],
        }),
      ],
    );
    expect(ignored).toEqual([
      expect.objectContaining({ key: 'gmail.com', yaml: null, fix: expect.stringContaining('ignores it') }),
    ]);
  });
});
