import { describe, expect, it } from 'vitest';
import { mapOrganization } from '../../../connectors/zendesk/map-organization.ts';
import { mapTicket } from '../../../connectors/zendesk/map-ticket.ts';
import {
  ZendeskMetricSet,
  ZendeskOrganization,
  ZendeskTicket,
  ZendeskUser,
} from '../../../connectors/zendesk/schemas.ts';
import { compileTicketRules, parseAmount, riskMatcher } from '../../../connectors/zendesk/ticket-rules.ts';
import { emailKey } from '../../../src/facts/keys.ts';
import { TicketFact } from '../../../src/facts/schemas.ts';
import {
  AMOUNT_FIELD,
  CATEGORY_FIELD,
  HASH_KEY,
  mapping,
  rawMetricSet,
  rawOrganization,
  rawTicket,
  rawUser,
} from './fixtures.ts';

const rules = compileTicketRules(mapping());
function map(
  over: Record<string, unknown> = {},
  metric: Record<string, unknown> = {},
  email: string | null = 'Jane.Doe@Globex.com',
) {
  const t = ZendeskTicket.parse(rawTicket(1, over));
  const change = mapTicket(
    t,
    {
      metricSet: ZendeskMetricSet.parse(rawMetricSet(1, metric)),
      requester: ZendeskUser.parse(rawUser(9001, email)),
    },
    rules,
    HASH_KEY,
  );
  if (!('upsert' in change)) throw new Error('expected an upsert');
  return change.upsert;
}

describe('mapTicket', () => {
  it('maps a realistic ticket to a valid fact', () => {
    const fact = map();
    expect(TicketFact.parse(fact)).toEqual(fact);
    expect(fact).toEqual({
      kind: 'ticket',
      id: '1',
      organizationId: '501',
      requesterKey: emailKey(HASH_KEY, 'jane.doe@globex.com'),
      requesterDomain: 'globex.com',
      createdAt: Date.parse('2025-03-01T09:15:00Z'),
      updatedAt: Date.parse('2025-03-02T10:00:00Z'),
      solvedAt: null,
      status: 'open',
      priority: 'high',
      channel: 'email',
      groupId: 77,
      tags: ['payout_failed', 'enterprise'],
      categoryFieldValues: ['failed_payout'],
      firstReplyMinutes: 45,
      fullResolutionMinutes: null,
      replies: 2,
      reopens: 0,
      slaBreached: false, // 45 business minutes against failed_payout's 60
      satisfaction: null, // "unoffered"
      riskFlag: false,
      amount: null,
    });
  });

  it('keeps no text, email or phone number', () => {
    const fact = map({
      subject: 'We will take legal action',
      description: 'Reach me at jane.doe@globex.com or +1 (555) 010-7788',
    });
    const text = JSON.stringify(fact);
    for (const leak of [
      'legal action',
      'Reach me',
      'jane',
      'Jane',
      '010-7788',
      '5550107788',
      'Payout failed',
      'free text',
    ])
      expect(text).not.toContain(leak);
    expect(fact.riskFlag).toBe(true);
  });

  it('keeps what the category and escalation rules read: tags (lower-case), the field values, the group', () => {
    const multi = map({
      custom_fields: [{ id: CATEGORY_FIELD, value: ['kyc_verification', 'Complaint', 7] }],
      tags: ['Invoice', 'KYC', 'a|b'],
      group_id: null,
    });
    // In the ticket's order; a tag or value holding the list delimiter "|" cannot be kept.
    expect(multi.tags).toEqual(['invoice', 'kyc']);
    expect(multi.categoryFieldValues).toEqual(['kyc_verification', 'Complaint']);
    expect(multi.groupId).toBeNull();
    expect(map({ custom_fields: null, tags: null })).toMatchObject({ tags: [], categoryFieldValues: [] });
  });

  it('keeps no category field values when no category field is configured', () => {
    const m = mapping();
    const noField = compileTicketRules({
      ...m,
      tickets: { ...m.tickets, category: { ...m.tickets.category, field_id: null } },
    });
    const t = ZendeskTicket.parse(rawTicket(1));
    const change = mapTicket(t, {}, noField, HASH_KEY);
    expect('upsert' in change && change.upsert.categoryFieldValues).toEqual([]);
  });

  it('risk keywords: case-insensitive whole words and phrases, across line breaks', () => {
    expect(map({ subject: 'TERMINATE now' }).riskFlag).toBe(true);
    expect(map({ subject: 'The process terminated', description: 'determinate' }).riskFlag).toBe(false);
    expect(map({ subject: null, description: 'we are switching\nprovider next month' }).riskFlag).toBe(true);
    expect(map({ description: 'Our lawyer, Bob.' }).riskFlag).toBe(true);
    expect(map({ description: 'lawyers' }).riskFlag).toBe(false);
  });

  it('amount from the configured field', () => {
    expect(map({ custom_fields: [{ id: AMOUNT_FIELD, value: '1,250.75' }] }).amount).toBe(1250.75);
    expect(map({ custom_fields: [{ id: AMOUNT_FIELD, value: 300 }] }).amount).toBe(300);
    expect(map({ custom_fields: [{ id: AMOUNT_FIELD, value: 'n/a' }] }).amount).toBeNull();
  });

  it('SLA: breached against the category override, the priority target otherwise, unknown without data', () => {
    const chargeback = [{ id: CATEGORY_FIELD, value: 'chargeback_dispute' }];
    // chargeback overrides resolution only (2880); first reply falls back to high = 120.
    expect(
      map({ custom_fields: chargeback }, { reply_time_in_minutes: { calendar: 500, business: 130 } })
        .slaBreached,
    ).toBe(true);
    expect(
      map(
        { custom_fields: chargeback },
        {
          reply_time_in_minutes: { calendar: 1, business: 100 },
          full_resolution_time_in_minutes: { calendar: 9000, business: 2000 },
        },
      ).slaBreached,
    ).toBe(false);
    expect(map({}, { reply_time_in_minutes: { calendar: null, business: null } }).slaBreached).toBeNull();
    expect(map({ priority: null, custom_fields: [], tags: [] }).slaBreached).toBeNull();
  });

  it('satisfaction good/bad; offered/unoffered/none are null', () => {
    expect(map({ satisfaction_rating: { score: 'good', comment: 'thanks!', id: 5 } }).satisfaction).toBe(
      'good',
    );
    expect(map({ satisfaction_rating: { score: 'bad' } }).satisfaction).toBe('bad');
    expect(map({ satisfaction_rating: { score: 'offered' } }).satisfaction).toBeNull();
    expect(map({ satisfaction_rating: null }).satisfaction).toBeNull();
  });

  it('solvedAt and resolution minutes from the metric set', () => {
    const fact = map(
      { status: 'solved' },
      {
        solved_at: '2025-03-03T12:00:00Z',
        full_resolution_time_in_minutes: { calendar: 3000, business: 1500 },
      },
    );
    expect(fact).toMatchObject({
      status: 'solved',
      solvedAt: Date.parse('2025-03-03T12:00:00Z'),
      fullResolutionMinutes: 1500,
    });
  });

  it('tolerates what real records do: nulls, no requester email, unknown priority', () => {
    const fact = map({ priority: null, organization_id: null, via: null, tags: null }, {}, null);
    expect(fact).toMatchObject({
      priority: null,
      organizationId: null,
      channel: null,
      requesterKey: null,
      requesterDomain: null,
    });
    expect(TicketFact.safeParse(fact).success).toBe(true);
  });

  it('a deleted ticket becomes a delete', () => {
    const t = ZendeskTicket.parse(rawTicket(42, { status: 'deleted' }));
    expect(mapTicket(t, {}, rules, HASH_KEY)).toEqual({ delete: { kind: 'ticket', id: '42' } });
  });
});

describe('helpers', () => {
  it('riskMatcher escapes regex characters', () => {
    expect(riskMatcher(['c++ (bug)'])('a c++ (bug) here')).toBe(true);
    expect(riskMatcher([])('anything')).toBe(false);
  });
  it('parseAmount', () => {
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('-20')).toBe(-20);
    expect(parseAmount(true)).toBeNull();
    expect(parseAmount('12abc34')).toBeNull();
  });
});

describe('mapOrganization', () => {
  it('keeps id, name, external id and normalized domains; drops notes and details', () => {
    const change = mapOrganization(ZendeskOrganization.parse(rawOrganization(501)));
    expect(change).toEqual({
      upsert: {
        kind: 'organization',
        id: '501',
        name: 'Globex 501',
        externalId: '001Dn00000AbCdEIAZ',
        domains: ['globex.com', 'globex.co.uk'],
        updatedAt: Date.parse('2025-02-01T00:00:00Z'),
      },
    });
    expect(JSON.stringify(change)).not.toContain('CFO');
  });
  it('empty external id is null; deleted organizations become deletes', () => {
    expect(
      mapOrganization(
        ZendeskOrganization.parse(rawOrganization(2, { external_id: '  ', domain_names: null })),
      ),
    ).toMatchObject({
      upsert: { externalId: null, domains: [] },
    });
    expect(
      mapOrganization(ZendeskOrganization.parse(rawOrganization(3, { deleted_at: '2025-05-01T00:00:00Z' }))),
    ).toEqual({
      delete: { kind: 'organization', id: '3' },
    });
  });
});
