import type { AccountModel } from './accounts.ts';
import type { IssueModel } from './issues.ts';
import { STATUSES } from './issues.ts';
import { labelCode, rngFor } from './prng.ts';
import type { TicketModel } from './tickets.ts';

/**
 * What a mutation does to one record. `update` is an ordinary change (a ticket solved, rated or
 * reopened; a bug resolved or reopened); `system` changes only Zendesk's generated_timestamp (an
 * automation or a side effect, updated_at untouched); `delete` soft-deletes a ticket; `create`
 * appends a new record.
 */
export interface TicketPatch {
  kind: 'update' | 'system' | 'delete' | 'create';
  seed: number;
}
export interface IssuePatch {
  kind: 'update' | 'create';
  seed: number;
}
export interface CallPatch {
  kind: 'create';
  seed: number;
}

const TICKET_UPDATE = labelCode('ticket-update');
const ISSUE_UPDATE = labelCode('issue-update');

export function applyTicketPatch(
  t: TicketModel,
  patch: TicketPatch,
  time: number,
  a: AccountModel | null,
): TicketModel {
  if (patch.kind === 'system') return { ...t, generatedAt: time };
  if (patch.kind === 'delete') return { ...t, status: 'deleted', generatedAt: time, updatedAt: time };
  const next: TicketModel = { ...t, generatedAt: time, updatedAt: time };
  if (t.status === 'deleted' || patch.kind === 'create') return next;
  const rng = rngFor(patch.seed, TICKET_UPDATE, t.index);
  if (t.status === 'solved' || t.status === 'closed') {
    const r = rng.next();
    if (r < 0.5 && (t.satisfaction === 'unoffered' || t.satisfaction === 'offered'))
      return { ...next, satisfaction: rng.chance(a?.quality ?? 0.8) ? 'good' : 'bad' };
    if (r < 0.8 || t.status === 'closed')
      return {
        ...next,
        status: 'open',
        solvedAt: null,
        reopens: t.reopens + 1,
        replies: t.replies + 1,
        fullResolution: { calendar: null, business: null },
      };
    return { ...next, status: 'closed' };
  }
  if (rng.chance(0.7)) {
    const solvedAt = time - rng.int(0, 600_000);
    const calendar = Math.max(1, Math.round((solvedAt - t.createdAt) / 60_000));
    const resolution = { calendar, business: Math.round(calendar / 3) };
    return {
      ...next,
      status: 'solved',
      solvedAt: Math.floor(solvedAt / 1000) * 1000,
      fullResolution: resolution,
      firstResolution: t.reopens > 0 ? t.firstResolution : resolution,
      reply:
        t.reply.calendar === null
          ? { calendar: Math.min(calendar, 45), business: Math.min(calendar, 45) }
          : t.reply,
      replies: Math.max(1, t.replies + 1),
    };
  }
  return { ...next, status: rng.pick(['open', 'pending', 'hold'] as const), replies: t.replies + 1 };
}

export function applyIssuePatch(issue: IssueModel, patch: IssuePatch, time: number): IssueModel {
  const next: IssueModel = { ...issue, updated: time };
  if (patch.kind === 'create') return next;
  const rng = rngFor(patch.seed, ISSUE_UPDATE, issue.index);
  if (issue.status.category !== 'done')
    return rng.chance(0.6)
      ? { ...next, status: STATUSES.done!, resolved: time }
      : { ...next, status: STATUSES.review! };
  if (rng.chance(0.4)) return { ...next, status: STATUSES.open!, resolved: null };
  return { ...next, priority: rng.pick(['High', 'Medium', 'Low'] as const) };
}
