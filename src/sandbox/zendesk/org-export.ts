import type { Request, Response } from 'express';
import { originOf, type SimContext } from '../common/sim-context.ts';
import { organizationJson } from './records.ts';
import { HOLD_BACK_MS, readStartTime } from './ticket-export.ts';

/**
 * GET /api/v2/incremental/organizations.json?start_time=: the time-based organization export.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-organization-export
 * Pages end on a whole second: every organization stamped with the page's last second is included,
 * and the next page starts at that second again, so boundary records repeat (as Zendesk's do).
 * As of the clock: an organization exists from its creation, and is stamped with its creation until
 * its last update has happened (its fields are the same: what that update changed is not modelled).
 */
export function organizationExport(ctx: SimContext) {
  return (req: Request, res: Response): void => {
    const now = ctx.clock.now();
    const start = readStartTime(req, res, now);
    if (start === null) return;
    const perPage = Math.min(1000, Math.max(1, Number(req.query['per_page'] ?? 1000) || 1000));
    const cutoff = now - HOLD_BACK_MS;
    const all = ctx.dataset
      .organizations()
      .flatMap((o) => {
        const at = o.updatedAt < cutoff ? o.updatedAt : o.createdAt < cutoff ? o.createdAt : null;
        return at === null || Math.floor(at / 1000) < start ? [] : [{ ...o, updatedAt: at }];
      })
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    let page = all.slice(0, perPage);
    const lastSecond = page.length ? Math.floor(page.at(-1)!.updatedAt / 1000) : start;
    if (all.length > perPage)
      page = all.filter((o, i) => i < perPage || Math.floor(o.updatedAt / 1000) === lastSecond);
    const origin = originOf(req);
    res.json({
      organizations: page.map((o) => organizationJson(o, origin)),
      next_page: `${origin}/api/v2/incremental/organizations.json?start_time=${lastSecond}${
        typeof req.query['per_page'] === 'string' ? `&per_page=${perPage}` : ''
      }`,
      count: page.length,
      end_time: lastSecond,
      end_of_stream: page.length < perPage,
    });
  };
}
