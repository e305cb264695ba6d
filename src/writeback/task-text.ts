import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { AlertDetail, AlertRow } from './types.ts';
import { truncate } from './values.ts';

/** An alert to record (pending) before its Task is sent. */
export type AlertCandidate = Omit<AlertRow, 'state' | 'taskId'>;

const DAY_MS = 86_400_000;
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;

export const utcDay = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** The line a rerun looks for in Description to know that this alert's Task exists already. */
export const markerLine = (key: string): string => `health-sync alert: ${key}`;

/**
 * The alert row with its Task fixed now (owner, text, due date), so that a rerun after a crash
 * sends exactly the same Task. No ticket text, email or phone number goes into a Task.
 */
export function alertCandidate(
  o: {
    key: string;
    rule: string;
    account: AccountFact;
    windowStart: number;
    now: number;
    headline: string;
    body: string[];
  },
  task: SalesforceMapping['alerts']['task'],
): AlertCandidate {
  const detail: AlertDetail = {
    task: {
      subject: truncate(
        `${task.subject_prefix} ${o.account.name || o.account.id}: ${o.headline}`,
        SUBJECT_MAX,
      ),
      // The marker goes last and is never cut: the body is.
      description: `${truncate(o.body.join('\n'), DESCRIPTION_MAX - markerLine(o.key).length - 2)}\n\n${markerLine(o.key)}`,
      ownerId: o.account.ownerId,
      priority: task.priority,
      status: task.status,
      activityDate: utcDay(o.now + task.due_in_days * DAY_MS),
    },
    subjectPrefix: task.subject_prefix,
    attempts: 0,
    lastError: null,
  };
  return {
    key: o.key,
    accountId: o.account.id,
    rule: o.rule,
    windowStart: o.windowStart,
    createdAt: o.now,
    detail,
  };
}
