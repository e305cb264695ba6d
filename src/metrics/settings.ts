import type { Mappings } from '../config/mappings/index.ts';
import type { Measure, MetricMeasure } from '../config/mappings/scorecard.ts';
import { METRICS } from './catalogue.ts';
import type { MetricSettings, MetricSpec } from './types.ts';

/** The parts of zendesk.yaml and jira.yaml that metrics depend on. */
export function metricSettings(m: Pick<Mappings, 'zendesk' | 'jira'>): MetricSettings {
  const byCategory: MetricSettings['sla']['byCategory'] = {};
  for (const [category, o] of Object.entries(m.zendesk.sla.by_category))
    byCategory[category] = {
      firstReplyMinutes: o.first_reply_minutes,
      resolutionMinutes: o.resolution_minutes,
    };
  const { category, escalation } = m.zendesk.tickets;
  return {
    sla: {
      firstReplyMinutes: { ...m.zendesk.sla.first_reply_minutes },
      resolutionMinutes: { ...m.zendesk.sla.resolution_minutes },
      byCategory,
    },
    // Tags compare lower-case, as the mapper keeps them; field values compare as they are.
    tickets: {
      categoryValues: Object.entries(category.values),
      categoryTags: Object.entries(category.tags).map(([tag, name]) => [tag.toLowerCase(), name] as const),
      escalation: {
        tags: escalation.tags.map((tag) => tag.toLowerCase()),
        priorities: [...escalation.priorities],
        groups: [...escalation.groups],
      },
    },
    bugs: {
      priorityWeights: { ...m.jira.priority_weights },
      ageWeightPerDay: m.jira.age_weight_per_day,
      bugTypes: [...m.jira.bug_types],
    },
  };
}

export const specOf = (measure: Pick<MetricMeasure, 'metric' | 'window_days' | 'params'>): MetricSpec => ({
  metric: measure.metric,
  windowDays: measure.window_days,
  params: measure.params,
});

/**
 * The metric values a measure is computed from: its metric; a change measure's metric now and over
 * the window before; a ratio's numerator and denominator; none for an Account field.
 */
export function measureSpecs(measure: Measure): MetricSpec[] {
  switch (measure.kind) {
    case 'metric':
      return [specOf(measure)];
    case 'change':
      return [specOf(measure), { ...specOf(measure), shiftDays: measure.window_days }];
    case 'ratio':
      return [measure.numerator, measure.denominator].map((o) =>
        specOf({ ...o, window_days: measure.window_days }),
      );
    case 'salesforce_field':
      return [];
  }
}

/** Sorted-key JSON, so equal values always give the same key. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Identifies a metric value by the spec and by only the settings that metric reads. */
export function specKey(spec: MetricSpec, settings?: MetricSettings): string {
  const reads = METRICS[spec.metric].reads;
  const relevant = settings === undefined || reads === undefined ? null : reads.map((part) => settings[part]);
  const shift = spec.shiftDays ? { b: spec.shiftDays } : {};
  return stable({ m: spec.metric, w: spec.windowDays, p: spec.params, s: relevant, ...shift });
}
