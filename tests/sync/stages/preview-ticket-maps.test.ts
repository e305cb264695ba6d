import { expect, test } from 'vitest';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { previewMappings } from '../../../src/sync/stages/preview.ts';
import { memoryStore, NOW, shippedMappings } from '../../metrics/fixtures.ts';
import { writeScenario } from '../../score/scenario.ts';

/** The shipped mappings with other escalation rules: nothing the scenario's tickets have escalates. */
function noEscalation(m: Mappings): Mappings {
  const tickets = { ...m.zendesk.tickets, escalation: { tags: [], priorities: [], groups: [] } };
  return { ...m, zendesk: { ...m.zendesk, tickets } };
}

test('what-if with proposed escalation rules scores the same stored tickets under them', async () => {
  const store = memoryStore();
  await writeScenario(store);
  const current = shippedMappings();
  const report = await previewMappings(store, current, noEscalation(current), NOW);
  // TROUBLE has every other ticket tagged `escalated`: with no rule, its escalation rate is 0 and its
  // score rises; HEALTHY has none escalated either way, so it does not move.
  const trouble = report.biggestMovers.find((m) => m.accountId === 'TROUBLE');
  expect(trouble?.delta).toBeGreaterThan(0);
  expect(report.biggestMovers.find((m) => m.accountId === 'HEALTHY')).toBeUndefined();
  // The same mappings: no metric differs, nothing moves.
  expect((await previewMappings(store, current, current, NOW)).biggestMovers).toEqual([]);
});
