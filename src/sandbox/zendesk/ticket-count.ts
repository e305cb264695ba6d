import type { Request, Response } from 'express';
import type { SimContext } from '../common/sim-context.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { isBaseDeleted } from '../dataset/tickets.ts';
import { zdTime } from './records.ts';

/**
 * GET /api/v2/tickets/count.json: an approximate count of tickets (deleted ones excluded).
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#count-tickets
 * Above 100,000 Zendesk refreshes the count once a day; the simulator keeps the value it first
 * computed for a day, which is what makes reconciliation against it approximate.
 */
export function ticketCount(ctx: SimContext) {
  const baseDeleted = new Map<Dataset, number>();
  let cached: { day: number; value: number; refreshedAt: number } | null = null;
  const compute = (): number => {
    const ds = ctx.dataset;
    let deleted = baseDeleted.get(ds);
    if (deleted === undefined) {
      deleted = 0;
      for (let i = 0; i < ds.tickets.n; i++) if (isBaseDeleted(ds.options.seed, i)) deleted++;
      baseDeleted.set(ds, deleted);
    }
    const changed = new Set(ds.tickets.overlay().map((e) => e.index));
    let value = ds.tickets.total() - deleted;
    for (const i of changed) {
      const was = i < ds.tickets.n && isBaseDeleted(ds.options.seed, i);
      const is = ds.ticketDeleted(i);
      value += Number(was) - Number(is);
    }
    return value;
  };
  return (_req: Request, res: Response): void => {
    const now = ctx.clock.now();
    const day = Math.floor(now / 86_400_000);
    let value = compute();
    let refreshedAt = now;
    if (value > 100_000) {
      if (!cached || cached.day !== day) cached = { day, value, refreshedAt: now };
      ({ value, refreshedAt } = cached);
    }
    res.json({ count: { value, refreshed_at: zdTime(refreshedAt) } });
  };
}
