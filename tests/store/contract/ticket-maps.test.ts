import { beforeEach, expect, it } from 'vitest';
import type { MetricId } from '../../../src/config/mappings/metric-ids.ts';
import { categoryIs } from '../../../src/metrics/ticket-maps.ts';
import type { MetricSettings, TicketMaps } from '../../../src/metrics/types.ts';
import { NOW, SETTINGS, account, daysAgo, metric, ticket, write } from '../../metrics/fixtures.ts';
import { describeStoreContract } from './stores.ts';

/**
 * The category and escalation rules apply when scores are computed: the same stored facts give
 * other categories, escalations, SLA targets and dispute hits under other rules, alike in both stores.
 */

const maps = (o: Partial<TicketMaps> = {}): TicketMaps => ({
  categoryValues: [],
  categoryTags: [],
  escalation: { tags: [], priorities: [], groups: [] },
  ...o,
});
const settings = (tickets: TicketMaps): MetricSettings => ({ ...SETTINGS, tickets });

describeStoreContract('store contract: category and escalation rules at metric time', (ctx) => {
  const store = () => ctx().store;

  beforeEach(async () => {
    await write(store(), [
      account('A'),
      // Field values in the ticket's order; tags lower-case, as the mapper keeps them.
      [ticket('field', { categoryFieldValues: ['cb_dispute'], tags: ['complaint'] }), 'A'],
      [ticket('multi', { categoryFieldValues: ['other', 'kyc', 'cb_dispute'], tags: [] }), 'A'],
      [ticket('tags', { tags: ['vip', 'invoice', 'complaint'], priority: 'urgent' }), 'A'],
      [ticket('unmapped', { categoryFieldValues: ['nothing'], tags: ['tier2'], groupId: 77 }), 'A'],
      [ticket('none', { createdAt: daysAgo(2) }), 'A'],
    ]);
  });

  const value = async (id: MetricId, tickets: TicketMaps, params: Record<string, string | number> = {}) =>
    (await metric(store(), id, 30, { params, settings: settings(tickets) })).get('A')?.value;

  it('a category: the first field value with a mapping (in the ticket order), else the first mapped tag in file order', async () => {
    const rules = maps({
      categoryValues: [
        ['cb_dispute', 'chargeback'],
        ['kyc', 'kyc_hold'],
      ],
      categoryTags: [
        ['complaint', 'complaint'],
        ['invoice', 'billing'],
      ],
    });
    // field → chargeback (the field wins over its complaint tag); multi → kyc_hold (kyc comes first
    // in the ticket); tags → complaint (listed first in the file, though invoice comes first on the ticket).
    expect(await value('category_share', rules, { category: 'chargeback' })).toBe(1 / 5);
    expect(await value('category_share', rules, { category: 'kyc_hold' })).toBe(1 / 5);
    expect(await value('category_share', rules, { category: 'complaint' })).toBe(1 / 5);
    expect(await value('category_share', rules, { category: 'billing' })).toBe(0);

    // The same facts under edited maps: the tag order flipped, a value unmapped.
    const edited = maps({
      categoryValues: [['kyc', 'kyc_hold']],
      categoryTags: [
        ['invoice', 'billing'],
        ['complaint', 'complaint'],
      ],
    });
    expect(await value('category_share', edited, { category: 'billing' })).toBe(1 / 5);
    // field now falls to its tag; multi still kyc_hold; tags is billing now.
    expect(await value('category_share', edited, { category: 'complaint' })).toBe(1 / 5);
    expect(await value('category_share', edited, { category: 'chargeback' })).toBe(0);
    expect(await value('category_share', maps(), { category: 'complaint' })).toBe(0);
  });

  it('escalated: a listed tag, priority or group, under the rules in force', async () => {
    expect(await value('escalation_rate', maps())).toBe(0);
    expect(
      await value('escalation_rate', maps({ escalation: { tags: ['tier2'], priorities: [], groups: [] } })),
    ).toBe(1 / 5);
    const all = maps({ escalation: { tags: ['complaint'], priorities: ['urgent'], groups: [77] } });
    // field (tag complaint), tags (urgent and tag complaint), unmapped (group 77).
    expect(await value('escalation_rate', all)).toBe(3 / 5);
  });

  it('an SLA target by category follows the category map in force', async () => {
    await write(store(), [
      account('B'),
      [
        ticket('sla', {
          tags: ['invoice'],
          createdAt: daysAgo(1),
          firstReplyMinutes: 20,
          fullResolutionMinutes: 30,
        }),
        'B',
      ],
    ]);
    const first = async (tickets: TicketMaps) =>
      (await metric(store(), 'first_reply_sla_adherence', 30, { settings: settings(tickets) })).get('B')
        ?.value;
    // billing's first-reply target is 10 minutes (SETTINGS); a normal ticket's is 120.
    expect(await first(maps({ categoryTags: [['invoice', 'billing']] }))).toBe(0);
    expect(await first(maps())).toBe(1);
  });

  it('dispute tickets: of the category under the rules in force', async () => {
    await write(store(), [
      [ticket('d1', { tags: ['dispute'], amount: 5_000, updatedAt: NOW - 1 }), 'A'],
      [ticket('d2', { categoryFieldValues: ['cb_dispute'], amount: 7_000, updatedAt: NOW - 1 }), 'A'],
    ]);
    const hits = async (tickets: TicketMaps) =>
      (await store().signalFacts.disputeTickets(categoryIs(tickets, 'chargeback'), 1_000, NOW - 10, NOW)).map(
        (h) => h.ticketId,
      );
    expect(await hits(maps())).toEqual([]);
    expect(await hits(maps({ categoryTags: [['dispute', 'chargeback']] }))).toEqual(['d1']);
    expect(
      await hits(
        maps({ categoryValues: [['cb_dispute', 'chargeback']], categoryTags: [['dispute', 'chargeback']] }),
      ),
    ).toEqual(['d2', 'd1']);
  });
});
