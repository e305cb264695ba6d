import type { Measure, MetricMeasure } from '../config/mappings/scorecard.ts';
import type { MetricId } from '../config/mappings/metric-ids.ts';
import { BASELINE_DAYS } from '../metrics/windows.ts';
import type { MetricValue } from '../metrics/types.ts';
import { formatValue, plural, trimNumber } from './format.ts';
import type { MeasureResult } from './types.ts';

/** What a metric's sample counts, for "over 38 ratings". */
const SAMPLE_NOUN: Record<MetricId, string> = {
  contacts: 'contact',
  contact_spike: 'baseline contact',
  tickets: 'ticket',
  category_share: 'ticket',
  inbound_calls: 'inbound call',
  resolution_vs_sla_median: 'solved ticket',
  resolution_vs_sla_p90: 'solved ticket',
  first_reply_minutes_median: 'replied ticket',
  first_reply_minutes_p90: 'replied ticket',
  sla_adherence: 'ticket',
  first_reply_sla_adherence: 'ticket',
  resolution_sla_adherence: 'ticket',
  escalation_rate: 'ticket',
  first_contact_resolution: 'solved ticket',
  call_first_contact_resolution: 'answered call',
  open_ticket_age_days: 'open ticket',
  open_ticket_age_p90_days: 'open ticket',
  complaint_turnaround: 'complaint',
  complaint_turnaround_hours: 'solved complaint',
  csat: 'rating',
  reopen_rate: 'solved ticket',
  repeat_contact_rate: 'contact',
  abandoned_call_rate: 'inbound call',
  avg_handle_time_sec: 'answered call',
  open_bugs_weighted: 'bug',
  risk_flags: 'ticket',
};

export interface DriverInput {
  measure: Measure;
  result: MeasureResult;
  metric: MetricValue;
}

const num = (d: MetricValue['detail'], key: string): number | undefined => {
  const v = d?.[key];
  return typeof v === 'number' ? v : undefined;
};

function bugsText(m: Measure, value: number, detail: MetricValue['detail'], target: string): string {
  const open = num(detail, 'open') ?? 0;
  if (open === 0) return `No open bugs${target}`;
  const top = detail?.['topPriority'];
  const topOpen = num(detail, 'topPriorityOpen') ?? 0;
  const what =
    typeof top === 'string' && topOpen === open
      ? `${open} open ${top} ${open === 1 ? 'bug' : 'bugs'}`
      : `${plural(open, 'open bug')}${typeof top === 'string' ? ` (${topOpen} ${top})` : ''}`;
  const oldest = num(detail, 'oldestDays');
  const age = oldest === undefined ? '' : `, oldest ${plural(oldest, 'day')}`;
  const weighted = `weighted ${formatValue(value, m.format)}`;
  return `${what}${age} (${weighted}${target ? `, target ${formatValue(m.target ?? 0, m.format)}` : ''})`;
}

/** What a measure's sample counts. */
function sampleNoun(m: Measure): string {
  switch (m.kind) {
    case 'metric':
    case 'change':
      return SAMPLE_NOUN[m.metric];
    case 'ratio':
      return SAMPLE_NOUN[m.denominator.metric];
    case 'salesforce_field':
      return 'value';
  }
}

const signed = (value: number, text: string): string => (value > 0 ? `+${text}` : text);

/** Measures other than a metric's: an Account field, a change between windows, a ratio of counts. */
function describeOther(
  m: Exclude<Measure, MetricMeasure>,
  value: number,
  metric: MetricValue,
  target: string,
): string {
  const v = formatValue(value, m.format);
  switch (m.kind) {
    case 'salesforce_field':
      return `${m.label}: ${v} (Account ${m.field})${target}`;
    case 'change': {
      const days = plural(m.window_days, 'day');
      const current = num(metric.detail, 'current');
      const previous = num(metric.detail, 'previous');
      const levels =
        m.change === 'delta' && current !== undefined && previous !== undefined
          ? `${formatValue(current, m.format)} in the last ${days} vs ${formatValue(previous, m.format)} in the ${days} before`
          : `the last ${days} vs the ${days} before`;
      return `${m.label} ${m.change === 'delta' ? signed(value, v) : v} (${levels}, over ${plural(metric.sample, sampleNoun(m))})${target}`;
    }
    case 'ratio': {
      const numerator = num(metric.detail, 'numerator') ?? 0;
      return `${m.label} ${v} (${numerator} of ${plural(metric.sample, sampleNoun(m))} in ${plural(m.window_days, 'day')})${target}`;
    }
  }
}

/** One measure in plain language: "CSAT 71% over 38 ratings (target 90%)". */
export function describeMeasure({ measure: m, result, metric }: DriverInput): string {
  const target = m.target === undefined ? '' : ` (target ${formatValue(m.target, m.format)})`;
  if (!result.hasData || result.value === null) {
    if (m.kind === 'salesforce_field') return `${m.label}: no value in Account ${m.field}`;
    return `${m.label}: not enough data (${plural(metric.sample, sampleNoun(m))}, needs ${m.min_sample})`;
  }
  if (m.kind !== 'metric') return describeOther(m, result.value, metric, target);
  const v = formatValue(result.value, m.format);
  switch (m.metric) {
    case 'open_bugs_weighted':
      return bugsText(m, result.value, metric.detail, target);
    case 'contacts':
    case 'tickets':
    case 'inbound_calls':
      return `${m.label}: ${v} in ${plural(m.window_days, 'day')}${target}`;
    case 'contact_spike': {
      const current = num(metric.detail, 'current') ?? 0;
      const baseline = num(metric.detail, 'baseline') ?? metric.sample;
      const goal = m.target === undefined ? '' : `; target ${formatValue(m.target, m.format)}`;
      return `${m.label} ${v} (${plural(current, 'contact')} in ${plural(m.window_days, 'day')}, ${baseline} in the ${BASELINE_DAYS} days before${goal})`;
    }
    default:
      if (m.format === 'count')
        return `${m.label}: ${v} of ${plural(metric.sample, SAMPLE_NOUN[m.metric])}${target}`;
      return `${m.label} ${v} over ${plural(metric.sample, SAMPLE_NOUN[m.metric])}${target}`;
  }
}

/** Points a measure costs the score: (100 − sub-score) × its share of the weight. */
export const pointsLost = (r: MeasureResult): number =>
  r.hasData && r.subScore !== null ? Math.round((100 - r.subScore) * r.weight * 1e9) / 1e9 : 0;

/**
 * Without a target, a measure pulls the score down when its sub-score is below this, and is a
 * strength at or above it: 70 is the shipped scorecard's green threshold, so a measure that would
 * not be green on its own is one a CSM should look at.
 */
export const NO_TARGET_FLOOR = 70;

/** What a scored account with no driver says in place of one (preview, Salesforce, the demo). */
export const NOTHING_BELOW_TARGET = 'Nothing below target';

// Values are rounded to 6 decimals before they reach here; a target met to that precision is met.
const TARGET_EPSILON = 1e-9;

/**
 * Whether a measure with data meets its target: at least the target when higher is better, at
 * most when lower is better; without a target, a sub-score of at least NO_TARGET_FLOOR.
 */
export function meetsTarget(measure: Measure, result: MeasureResult): boolean {
  if (measure.target === undefined || result.value === null) return (result.subScore ?? 0) >= NO_TARGET_FLOOR;
  return measure.direction === 'higher_is_better'
    ? result.value >= measure.target - TARGET_EPSILON
    : result.value <= measure.target + TARGET_EPSILON;
}

const byId = (a: DriverInput, b: DriverInput): number =>
  a.measure.id < b.measure.id ? -1 : a.measure.id > b.measure.id ? 1 : 0;
const scored = (inputs: DriverInput[]): DriverInput[] =>
  inputs.filter((i) => i.result.hasData && i.result.subScore !== null);
const sub = (i: DriverInput): number => i.result.subScore ?? 0;

export interface Coverage {
  coverage: number;
  floor: number;
}

function notEnoughData(inputs: DriverInput[], count: number, coverage: Coverage): string[] {
  const missing = inputs
    .filter((i) => !i.result.hasData)
    .sort((a, b) => b.measure.weight - a.measure.weight || byId(a, b));
  return [
    `Not enough data: ${trimNumber(coverage.coverage * 100, 0)}% of the scorecard weight has data (needs ${trimNumber(
      coverage.floor * 100,
      0,
    )}%)`,
    ...missing.map(describeMeasure),
  ].slice(0, count);
}

/**
 * What pulls the score down: the measures below their target, the most points lost first (equal
 * costs: the lower sub-score, then measure id order).
 * An empty list means nothing is below target. With too little data (`coverage` given), the reason
 * first, then the heaviest measures that lack data. Measures without data are never drivers.
 */
export function drivers(inputs: DriverInput[], count: number, coverage?: Coverage): string[] {
  if (coverage) return notEnoughData(inputs, count, coverage);
  return scored(inputs)
    .filter((i) => !meetsTarget(i.measure, i.result))
    .sort((a, b) => pointsLost(b.result) - pointsLost(a.result) || sub(a) - sub(b) || byId(a, b))
    .slice(0, count)
    .map(describeMeasure);
}

/**
 * What holds the score up: the measures at or above their target, the highest sub-score first
 * (then the larger weight, then measure id order).
 * None without a score: an account with too little data has no strengths to speak of.
 */
export function strengths(inputs: DriverInput[], count: number, coverage?: Coverage): string[] {
  if (coverage) return [];
  return scored(inputs)
    .filter((i) => meetsTarget(i.measure, i.result))
    .sort((a, b) => sub(b) - sub(a) || b.result.weight - a.result.weight || byId(a, b))
    .slice(0, count)
    .map(describeMeasure);
}
