/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/sandbox/common/clock.ts';
import { firstReplyAt, ratedAt } from '../../../src/sandbox/dataset/ticket-versions.ts';
import { createZendeskSim } from '../../../src/sandbox/zendesk/app.ts';
import { DAY, MINUTE, NOW, basic, getJson, serve, smallDataset } from '../helpers.ts';

const ds = smallDataset();
let now = NOW - 20 * DAY;
const clock: SimClock = { now: () => now, advance: (ms) => (now += ms), set: (ms) => (now = ms) };
const sim = createZendeskSim({ dataset: ds, clock, rateLimits: 'off' });
const auth = { authorization: basic(`${sim.credentials.email}/token`, sim.credentials.apiToken) };
let url = '';
beforeAll(async () => {
  url = await serve(sim.app);
});

/** Every page from `first` to the end of the stream: the tickets and metric sets, and where it ended. */
async function read(first: string): Promise<{ tickets: any[]; metrics: Map<number, any>; cursor: string }> {
  const tickets: any[] = [];
  const metrics = new Map<number, any>();
  for (let next = first; ;) {
    const { status, body } = await getJson(next, auth);
    expect(status).toBe(200);
    tickets.push(...body.tickets);
    for (const m of body.metric_sets ?? []) metrics.set(m.ticket_id, m);
    if (body.end_of_stream) return { tickets, metrics, cursor: body.after_cursor };
    next = body.after_url;
  }
}
const exportUrl = (q: string): string =>
  `${url}/api/v2/incremental/tickets/cursor.json?${q}&include=metric_sets&per_page=300`;

describe('Zendesk export as of the clock', () => {
  it('shows a ticket from its creation, then again at each change that passes the cursor', async () => {
    const T = now;
    // A ticket created before T, solved, rated and closed after it.
    const all = [...ds.tickets.forward(null, Infinity)].map((e) => e.model());
    const x = all.find(
      (t) => t.status === 'closed' && t.createdAt < T - 2 * MINUTE && t.solvedAt! > T && ratedAt(t) !== null,
    )!;
    expect(x).toBeDefined();
    const first = await read(exportUrl(`start_time=${Math.floor((T - 60 * DAY) / 1000)}`));
    // Each ticket once; none created after T (less the minute held back).
    const ids = first.tickets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.tickets.every((t) => Date.parse(t.created_at) < T - MINUTE)).toBe(true);
    // New until its first reply, then open and assigned: not solved, no rating, no resolution yet.
    const replied = firstReplyAt(x)! <= T - MINUTE;
    expect(first.tickets.filter((t) => t.id === x.id)).toMatchObject([
      {
        status: replied ? 'open' : 'new',
        satisfaction_rating: { score: 'unoffered' },
        generated_timestamp: (replied ? firstReplyAt(x)! : x.createdAt) / 1000,
      },
    ]);
    expect(first.metrics.get(x.id)).toMatchObject({
      solved_at: null,
      replies: replied ? 1 : 0,
      reply_time_in_minutes: { calendar: replied ? x.reply.calendar : null },
      full_resolution_time_in_minutes: { calendar: null },
    });

    // Once it is solved, the next read from the cursor brings it again, solved, not yet rated.
    clock.set(x.solvedAt! + 2 * MINUTE);
    const solved = await read(
      `${url}/api/v2/incremental/tickets/cursor.json?cursor=${first.cursor}&include=metric_sets`,
    );
    expect(solved.tickets.filter((t) => t.id === x.id)).toMatchObject([
      { status: 'solved', satisfaction_rating: { score: 'offered' } },
    ]);
    expect(solved.metrics.get(x.id)).toMatchObject({
      solved_at: new Date(x.solvedAt!).toISOString().replace('.000', ''),
      reply_time_in_minutes: { calendar: x.reply.calendar },
    });

    // Rated, then closed: both past the cursor, served once, as it is now.
    clock.set(x.generatedAt + 2 * MINUTE);
    const closed = await read(`${url}/api/v2/incremental/tickets/cursor.json?cursor=${solved.cursor}`);
    expect(closed.tickets.filter((t) => t.id === x.id)).toMatchObject([
      { status: 'closed', satisfaction_rating: { score: x.satisfaction } },
    ]);
  });
});
