import type { MetricId } from '../config/mappings/metric-ids.ts';
import type { Cond, MetricFact } from './query.ts';
import { categoryIs } from './ticket-maps.ts';
import type { MetricSettings, MetricSpec } from './types.ts';
import { BASELINE_DAYS, DAY_MS, REPEAT_WITHIN_DAYS, ageReference } from './windows.ts';

/**
 * Which facts can move a metric when only time passes, from one window anchor to a later one of the
 * same UTC day (a new day rescores every account: trends read the day). A window [H − w, now] loses
 * the facts whose time lies in [H1 − w, H2 − w); an age taken at H moves for every record still open.
 * Every boundary a metric in catalogue.ts reads is here, so an account with none of these facts has
 * the same values at both anchors and its saved score can stand (tests/metrics/hour-crossings.test.ts
 * scores every metric at both anchors to check it). Extra slices only cost rescoring.
 */

type TimeField = 'createdAt' | 'solvedAt' | 'startedAt' | 'resolvedAt' | 'updatedAt';

/** Facts of one kind whose `field` lies in [from, to); `to` null: no upper end. */
export interface TimeSlice {
  facts: MetricFact;
  field: TimeField;
  from: number;
  to: number | null;
  /** Only the tickets that meet it: the metric reads no others (its category's). */
  where?: Cond<'ticket'>;
}

export interface HourCrossings {
  slices: TimeSlice[];
  /** Every account with an open ticket (ticket ages move every hour). */
  openTickets: boolean;
  /** Accounts with an open bug of these types whose age in whole days differs at the two anchors. */
  openBugs: { bugTypes: string[]; from: number; to: number } | null;
}

const TICKET_CREATED = [['ticket', 'createdAt']] as const;
const TICKET_SOLVED = [['ticket', 'solvedAt']] as const;
const CALLS = [['call', 'startedAt']] as const;
const CONTACTS = [...TICKET_CREATED, ...CALLS] as const;
const BUGS = [
  ['issue', 'createdAt'],
  ['issue', 'resolvedAt'],
  ['issue', 'updatedAt'],
] as const;

type Reads = readonly (readonly [MetricFact, TimeField])[];

/**
 * The time fields each metric's windows compare, its boundaries besides the window's start (days),
 * and the tickets it reads when they are only those of a category.
 */
function timeReads(
  spec: MetricSpec,
  settings: Pick<MetricSettings, 'tickets'>,
): { reads: Reads; extraDays: number[]; where?: Cond<'ticket'> } {
  const m: MetricId = spec.metric;
  const w = spec.windowDays;
  const category = spec.params['category'];
  const ofCategory = category === undefined ? {} : { where: categoryIs(settings.tickets, String(category)) };
  switch (m) {
    // A repeat's earlier contact is older than it: it leaves the look-back only after the repeat left.
    case 'contacts':
    case 'repeat_contact_rate':
      return { reads: CONTACTS, extraDays: [] };
    case 'contact_spike':
      return { reads: CONTACTS, extraDays: [w + BASELINE_DAYS] };
    case 'call_first_contact_resolution':
      return { reads: CALLS, extraDays: [REPEAT_WITHIN_DAYS, w + REPEAT_WITHIN_DAYS] };
    case 'inbound_calls':
    case 'abandoned_call_rate':
    case 'avg_handle_time_sec':
      return { reads: CALLS, extraDays: [] };
    case 'complaint_turnaround':
      // An open complaint counts once it is overdue: at its creation plus the target.
      return {
        reads: [...TICKET_CREATED, ...TICKET_SOLVED],
        extraDays: [Number(spec.params['target_hours'] ?? 0) / 24],
        ...ofCategory,
      };
    case 'complaint_turnaround_hours':
      return { reads: TICKET_SOLVED, extraDays: [], ...ofCategory };
    case 'resolution_vs_sla_median':
    case 'resolution_vs_sla_p90':
    case 'first_contact_resolution':
    case 'csat':
    case 'reopen_rate':
      return { reads: TICKET_SOLVED, extraDays: [] };
    case 'open_bugs_weighted':
      return { reads: BUGS, extraDays: [] };
    case 'open_ticket_age_days':
    case 'open_ticket_age_p90_days':
      return { reads: TICKET_CREATED, extraDays: [] };
    case 'tickets':
      return { reads: TICKET_CREATED, extraDays: [], ...ofCategory };
    default:
      // category_share (its sample is every ticket), the SLA shares and first-reply times,
      // escalation_rate, risk_flags.
      return { reads: TICKET_CREATED, extraDays: [] };
  }
}

/**
 * What may move the metrics of `specs` between the anchors of `fromNow` and `toNow` (same UTC day).
 * Each boundary is an offset before the anchor (a shifted window's end and start are both); the
 * offset 0 slice has no upper end, so a fact dated after the earlier run's `now` counts too.
 */
export function hourCrossings(
  specs: readonly MetricSpec[],
  settings: Pick<MetricSettings, 'bugs' | 'tickets'>,
  fromNow: number,
  toNow: number,
): HourCrossings {
  const a1 = ageReference(fromNow);
  const a2 = ageReference(toNow);
  const slices = new Map<string, TimeSlice>();
  let openTickets = false;
  let openBugs = false;
  for (const spec of specs) {
    const shift = spec.shiftDays ?? 0;
    const { reads, extraDays, where } = timeReads(spec, settings);
    if (spec.metric === 'open_ticket_age_days' || spec.metric === 'open_ticket_age_p90_days')
      openTickets = true;
    if (spec.metric === 'open_bugs_weighted') openBugs = true;
    const offsets = new Set([0, shift, shift + spec.windowDays, ...extraDays.map((d) => shift + d)]);
    for (const [facts, field] of reads)
      for (const days of offsets) {
        const offset = Math.round(days * DAY_MS);
        const slice = { facts, field, from: a1 - offset, to: offset === 0 ? null : a2 - offset };
        const key = `${facts}.${field}.${offset}`;
        // A slice of every ticket has the category's in it.
        if (!where) slices.set(key, slice);
        else if (!slices.has(key)) slices.set(`${key}.${JSON.stringify(where)}`, { ...slice, where });
      }
  }
  return {
    slices: [...slices.values()],
    openTickets,
    openBugs: openBugs ? { bugTypes: [...settings.bugs.bugTypes], from: a1, to: a2 } : null,
  };
}
