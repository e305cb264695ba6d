import type { SqliteStore } from '../../src/store/open-sqlite.ts';
import { HOUR, account, call, daysAgo, issue, ticket, write } from '../metrics/fixtures.ts';

/**
 * Three accounts whose scores under the shipped mappings are known: HEALTHY (Growth tier) scores
 * 100 and is green; TROUBLE (Enterprise) is red at 4.5; QUIET has no facts at all.
 */
export async function writeScenario(store: SqliteStore): Promise<void> {
  const items: Parameters<typeof write>[1] = [
    account('HEALTHY', { name: 'Healthy Co', tier: 'Growth' }),
    account('TROUBLE', { name: 'Trouble Inc', tier: 'Enterprise' }),
    account('QUIET', { name: 'Quiet Ltd', tier: 'Starter' }),
  ];
  for (let i = 0; i < 20; i++) {
    const createdAt = daysAgo(1 + i) - HOUR;
    items.push([
      ticket(`h${i}`, {
        createdAt,
        status: 'solved',
        solvedAt: createdAt + HOUR,
        requesterKey: `h-person-${i}`,
        firstReplyMinutes: 10,
        fullResolutionMinutes: 60,
        replies: 1,
        reopens: 0,
        satisfaction: 'good',
        tags: i === 0 ? ['complaint'] : [],
      }),
      'HEALTHY',
    ]);
    items.push([
      ticket(`t${i}`, {
        createdAt,
        status: 'solved',
        solvedAt: createdAt + 12 * HOUR,
        priority: 'high',
        requesterKey: `t-person-${i % 3}`,
        firstReplyMinutes: 600,
        fullResolutionMinutes: 1440 * 4,
        satisfaction: i % 5 === 0 ? 'good' : 'bad',
        riskFlag: i % 4 === 0,
        tags: [...(i % 2 === 0 ? ['escalated'] : []), ...(i % 2 ? ['complaint'] : [])],
      }),
      'TROUBLE',
    ]);
  }
  // The healthy account's normal: 96 contacts in the 90 days before the window, 32 per 30 days, as
  // many as its 20 tickets and 12 calls in the window.
  for (let i = 0; i < 96; i++)
    items.push([ticket(`hb${i}`, { createdAt: daysAgo(31 + i * 0.9) }), 'HEALTHY']);
  for (let i = 0; i < 12; i++)
    items.push([call(`hc${i}`, { startedAt: daysAgo(2 + i), handleSec: 300 }), 'HEALTHY']);
  items.push([issue('h-bug', { statusCategory: 'done', createdAt: daysAgo(40) }), 'HEALTHY']);
  // The troubled account: a quiet past, then all this; open Highest bugs.
  for (let i = 0; i < 5; i++) items.push([ticket(`tb${i}`, { createdAt: daysAgo(40 + i * 10) }), 'TROUBLE']);
  for (let i = 0; i < 3; i++)
    items.push([issue(`t-bug${i}`, { priority: 'Highest', createdAt: daysAgo(20 + i) }), 'TROUBLE']);
  await write(store, items);
}
