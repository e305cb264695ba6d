import type { Request, Response } from 'express';
import { sendMalformed } from '../common/faults.ts';
import { originOf, type SimContext } from '../common/sim-context.ts';
import type { StreamKey } from '../dataset/stream.ts';
import type { TicketModel } from '../dataset/tickets.ts';
import { metricSetJson, organizationJson, ticketJson, userJson } from './records.ts';

/**
 * GET /api/v2/incremental/tickets/cursor.json: the cursor-based incremental ticket export.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
 * Tickets come in generated_timestamp order, each at its latest version up to the clock (a ticket
 * exists from its creation: new, replied to, solved, rated, closed, see dataset/ticket-versions.ts),
 * so a ticket comes again once a newer version passes the cursor, and once when several have;
 * changes of the last minute are held back; cursors are opaque positions (`<seconds>.0||<id>|`, base64).
 */
export const HOLD_BACK_MS = 60_000;
const MAX_PER_PAGE = 1000;

export function invalid(res: Response, description: string): void {
  res.status(422).json({ error: 'InvalidValue', description });
}

export function encodeCursor(key: StreamKey, direction: 'after' | 'before'): string {
  const text = `${Math.floor(key.time / 1000)}.0||${key.index + 1}|${direction === 'before' ? 'b' : ''}`;
  return Buffer.from(text).toString('base64');
}

export function decodeCursor(cursor: string): { key: StreamKey; direction: 'after' | 'before' } | null {
  const m = /^(\d+)\.0\|\|(\d+)\|(b?)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) return null;
  return {
    key: { time: Number(m[1]) * 1000, index: Number(m[2]) - 1 },
    direction: m[3] === 'b' ? 'before' : 'after',
  };
}

/** Reads start_time as Zendesk does: unix seconds, at least one minute in the past. */
export function readStartTime(req: Request, res: Response, now: number): number | null {
  const raw = req.query['start_time'];
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(value)) {
    invalid(res, 'start_time must be a unix timestamp in seconds');
    return null;
  }
  if (value * 1000 > now - HOLD_BACK_MS) {
    invalid(res, 'Too recent start_time. Use a start_time older than 1 minute');
    return null;
  }
  return value;
}

export function ticketExport(ctx: SimContext) {
  return (req: Request, res: Response): void => {
    const now = ctx.clock.now();
    const tickets = ctx.dataset.tickets;
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Number(req.query['per_page'] ?? MAX_PER_PAGE) || MAX_PER_PAGE),
    );
    const include = (typeof req.query['include'] === 'string' ? req.query['include'] : '')
      .split(',')
      .map((s) => s.trim());
    const excludeDeleted = req.query['exclude_deleted'] === 'true';
    let from: StreamKey;
    let direction: 'after' | 'before' = 'after';
    if (typeof req.query['cursor'] === 'string') {
      const decoded = decodeCursor(req.query['cursor']);
      if (!decoded) return invalid(res, 'Invalid cursor');
      ({ key: from, direction } = decoded);
    } else {
      const start = readStartTime(req, res, now);
      if (start === null) return;
      from = { time: start * 1000, index: -1 };
    }
    const cutoff = now - HOLD_BACK_MS - 1;
    const source = direction === 'after' ? tickets.forward(from, cutoff) : tickets.backward(from, cutoff);
    const page: TicketModel[] = [];
    let more = false;
    let lastSeen: StreamKey | null = null;
    for (const entry of source) {
      if (page.length === perPage) {
        more = true;
        break;
      }
      const t = entry.model();
      // A hidden deleted ticket still moves the cursor, but is not returned.
      lastSeen = entry.key;
      if (excludeDeleted && t.status === 'deleted') continue;
      page.push(t);
    }
    if (direction === 'before') page.reverse();
    const origin = originOf(req);
    const first = page[0];
    const last = page.at(-1);
    const afterKey =
      direction === 'after'
        ? (lastSeen ?? from)
        : last
          ? { time: last.generatedAt, index: last.index }
          : from;
    const afterCursor = encodeCursor(afterKey, 'after');
    const beforeCursor = first
      ? encodeCursor({ time: first.generatedAt, index: first.index }, 'before')
      : null;
    // Next-page links keep the request's page size and side-loads.
    const keep = ['per_page', 'include', 'exclude_deleted']
      .flatMap((k) => {
        const v = req.query[k];
        return typeof v === 'string' ? [`&${k}=${encodeURIComponent(v)}`] : [];
      })
      .join('');
    const url = (c: string): string =>
      `${origin}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(c)}${keep}`;
    const body: Record<string, unknown> = {
      tickets: page.map((t) => ticketJson(t, origin)),
      after_url: url(afterCursor),
      after_cursor: afterCursor,
      before_url: beforeCursor ? url(beforeCursor) : null,
      before_cursor: beforeCursor,
      end_of_stream: direction === 'after' ? !more : false,
    };
    if (include.includes('metric_sets'))
      body['metric_sets'] = page.filter((t) => t.status !== 'deleted').map((t) => metricSetJson(t, origin));
    if (include.includes('users')) {
      const ids = [
        ...new Set(
          page.flatMap((t) => (t.assigneeId === null ? [t.requesterId] : [t.requesterId, t.assigneeId])),
        ),
      ];
      body['users'] = ids.flatMap((id) => {
        const u = ctx.dataset.user(id);
        return u ? [userJson(u, origin)] : [];
      });
    }
    if (include.includes('organizations')) {
      const ids = [...new Set(page.flatMap((t) => (t.organizationId === null ? [] : [t.organizationId])))];
      body['organizations'] = ids.flatMap((id) => {
        const o = ctx.dataset.organization(id);
        return o ? [organizationJson(o, origin)] : [];
      });
    }
    if (ctx.faults.malformThisPage()) return sendMalformed(res, body);
    res.json(body);
  };
}
