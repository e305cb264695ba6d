import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readMappingTexts, validateMappingTexts, type MappingTexts } from '../../src/config/mappings/load.ts';
import { accountFieldsToRead, measuredAccountFields } from '../../src/config/mappings/scorecard.ts';
import { formatProblem } from '../../src/errors.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let shipped: MappingTexts;
/** Appended measures start after the shipped ones. */
let FIRST_NEW: number;
beforeAll(async () => {
  shipped = await readMappingTexts(join(ROOT, 'mappings'));
  FIRST_NEW = (parse(shipped.scorecard!) as { measures: unknown[] }).measures.length;
});

/** The shipped scorecard with measures appended at the end of its `measures:` list. */
function withMeasures(yaml: string, scorecard = shipped.scorecard!): string {
  const at = scorecard.indexOf('\n# Segments');
  return `${scorecard.slice(0, at)}\n${yaml}${scorecard.slice(at)}`;
}

const problemsOf = (texts: MappingTexts): string[] => {
  const result = validateMappingTexts(texts);
  return result.ok ? [] : result.problems.map(formatProblem);
};

const lineOf = (text: string, needle: string, from = 0): number =>
  text.slice(0, text.indexOf(needle, from)).split('\n').length;

/** The scorecard with each base measure's weight set from `weights` (0 for the others); segments unchanged. */
function weighing(text: string, weights: Record<string, number>): string {
  let id = '';
  return text
    .split('\n')
    .map((line) => {
      const named = /^ {2}- id: (\w+)$/.exec(line);
      if (named) id = named[1]!;
      return /^ {4}weight: \d+$/.test(line) ? `    weight: ${weights[id] ?? 0}` : line;
    })
    .join('\n');
}

const EVERY_KIND = `
  - id: uptime
    label: Uptime (30 days)
    kind: salesforce_field
    field: Uptime_30d__c
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 95, full_at: 99.9 }
    format: number

  - id: csat_change
    label: CSAT change
    kind: change
    metric: csat
    change: delta
    window_days: 30
    direction: higher_is_better
    weight: 5
    min_sample: 5
    scoring: { type: linear, zero_at: -0.2, full_at: 0.2 }
    format: percent

  - id: chargeback_share
    label: Chargeback tickets
    kind: ratio
    numerator: { metric: tickets, params: { category: chargeback } }
    denominator: { metric: tickets }
    window_days: 90
    direction: lower_is_better
    weight: 5
    min_sample: 10
    scoring: { type: linear, zero_at: 0.2, full_at: 0.02 }
    format: percent

  - id: days_to_renewal
    label: Days to renewal
    kind: salesforce_field
    field: Renewal_Date__c
    direction: higher_is_better
    weight: 0
    scoring: { type: linear, zero_at: 0, full_at: 180 }
    format: days

  - id: first_reply_p90
    label: First reply p90
    metric: first_reply_minutes_p90
    window_days: 30
    direction: lower_is_better
    weight: 0
    scoring: { type: linear, zero_at: 600, full_at: 60 }
    format: minutes
`;

describe('scorecard measure kinds', () => {
  it('loads the shipped scorecard unchanged: a measure without kind is a metric measure', () => {
    const result = validateMappingTexts(shipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { measures } = result.loaded.mappings.scorecard;
    const raw = (parse(shipped.scorecard!) as { measures: { weight: number; kind?: string }[] }).measures;
    expect(raw.every((m) => m.kind === undefined)).toBe(true);
    expect(measures.map((m) => m.kind)).toEqual(raw.map(() => 'metric'));
    expect(measures.map((m) => m.weight)).toEqual(raw.map((m) => m.weight));
  });

  it('accepts every kind, and weight 0 for a display-only measure', () => {
    const result = validateMappingTexts({ ...shipped, scorecard: withMeasures(EVERY_KIND) });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    const card = result.loaded.mappings.scorecard;
    expect(card.measures.slice(FIRST_NEW).map((m) => [m.id, m.kind, m.weight])).toEqual([
      ['uptime', 'salesforce_field', 5],
      ['csat_change', 'change', 5],
      ['chargeback_share', 'ratio', 5],
      ['days_to_renewal', 'salesforce_field', 0],
      ['first_reply_p90', 'metric', 0],
    ]);
    expect(measuredAccountFields(card)).toEqual(['Renewal_Date__c', 'Uptime_30d__c']);
    expect(accountFieldsToRead({ arr: 'AnnualRevenue' }, card)).toEqual({
      arr: 'AnnualRevenue',
      Renewal_Date__c: 'Renewal_Date__c',
      Uptime_30d__c: 'Uptime_30d__c',
    });
  });

  it('refuses a change measure of a metric without a window before, with file, path and line', () => {
    const text = withMeasures(`
  - id: bugs_change
    label: Open bugs change
    kind: change
    metric: open_bugs_weighted
    change: delta
    window_days: 30
    direction: lower_is_better
    weight: 5
    scoring: { type: linear, zero_at: 5, full_at: -5 }
`);
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > metric (line ${lineOf(text, 'metric: open_bugs_weighted', text.indexOf('bugs_change'))}): open_bugs_weighted is a state at the time of scoring (a backlog), with no window before to compare with: a change measure cannot use it`,
    ]);
  });

  it('refuses a salesforce_field measure asking for more than its one data point', () => {
    const text = withMeasures(`
  - id: uptime
    label: Uptime
    kind: salesforce_field
    field: Uptime_30d__c
    direction: higher_is_better
    weight: 5
    min_sample: 3
    scoring: { type: linear, zero_at: 95, full_at: 100 }
`);
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > min_sample (line ${lineOf(text, 'min_sample: 3')}): an Account field is one data point: min_sample must be 1 (or left out)`,
    ]);
  });

  it('refuses a Salesforce field that is not an API name, and an unknown kind', () => {
    const text = withMeasures(`
  - id: uptime
    label: Uptime
    kind: salesforce_field
    field: Uptime 30d
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 95, full_at: 100 }
  - id: nps
    label: NPS
    kind: survey
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 0, full_at: 50 }
`);
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > field (line ${lineOf(text, 'field: Uptime 30d')}): a Salesforce field API name such as Tier__c`,
      `scorecard.yaml > measures > ${FIRST_NEW + 1} > kind (line ${lineOf(text, 'kind: survey')}): Invalid discriminator value. Expected 'metric' | 'salesforce_field' | 'change' | 'ratio'`,
    ]);
  });

  it('refuses keys of another kind (no formula or expression is read)', () => {
    const text = withMeasures(`
  - id: uptime
    label: Uptime
    kind: salesforce_field
    field: Uptime_30d__c
    metric: csat
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 95, full_at: 100 }
  - id: formula
    label: Formula
    formula: "csat * 2 - reopen_rate"
    metric: csat
    window_days: 30
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 0, full_at: 1 }
`);
    const problems = problemsOf({ ...shipped, scorecard: text });
    expect(problems).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > metric (line ${lineOf(text, 'metric: csat', text.indexOf('- id: uptime'))}): unknown key (check its spelling and its indentation)`,
      `scorecard.yaml > measures > ${FIRST_NEW + 1} > formula (line ${lineOf(text, 'formula:', text.indexOf('- id: formula'))}): unknown key (check its spelling and its indentation)`,
    ]);
  });

  it('refuses a ratio of metrics that are not counts, and a missing category of complaint hours', () => {
    const text = withMeasures(`
  - id: odd_ratio
    label: CSAT per contact
    kind: ratio
    numerator: { metric: csat }
    denominator: { metric: contacts }
    window_days: 30
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 0, full_at: 1 }
  - id: complaint_hours
    label: Complaint turnaround
    metric: complaint_turnaround_hours
    window_days: 90
    direction: lower_is_better
    weight: 5
    scoring: { type: linear, zero_at: 96, full_at: 24 }
`);
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > numerator > metric (line ${lineOf(text, 'numerator:', text.indexOf('- id: odd_ratio'))}): a ratio divides counts: csat is not one (use one of contacts, tickets, inbound_calls, risk_flags)`,
      `scorecard.yaml > measures > ${FIRST_NEW + 1} > params (line ${lineOf(text, '- id: complaint_hours')}): complaint_turnaround_hours needs params.category`,
    ]);
  });

  it('refuses a scorecard whose weights are all zero, and a segment that makes them all zero', () => {
    const zero = weighing(shipped.scorecard!, {});
    expect(problemsOf({ ...shipped, scorecard: zero })).toEqual([
      `scorecard.yaml > measures (line ${lineOf(zero, '  - id: csat')}): every measure has weight 0: at least one must count towards the score (weight 0 is for display-only measures)`,
    ]);
    // Only csat and sla weigh, and the enterprise segment sets both to 0.
    const segment = weighing(shipped.scorecard!, { csat: 20, sla: 15 })
      .replace('csat: { weight: 25 }', 'csat: { weight: 0 }')
      .replace('sla: { weight: 20 }', 'sla: { weight: 0 }');
    expect(problemsOf({ ...shipped, scorecard: segment })).toEqual([
      `scorecard.yaml > segments > 0 (line ${lineOf(segment, 'name: enterprise')}): segment "enterprise": every measure has weight 0: at least one must count towards the score (weight 0 is for display-only measures)`,
    ]);
    // Excluding the only weighed measures is the same.
    const excluded = weighing(shipped.scorecard!, { csat: 20, sla: 15 }).replace(
      '      sla: { weight: 20 }\n',
      '      sla: { weight: 20 }\n    exclude: [csat, sla]\n',
    );
    expect(problemsOf({ ...shipped, scorecard: excluded })).toEqual([
      `scorecard.yaml > segments > 0 (line ${lineOf(excluded, 'name: enterprise')}): segment "enterprise": every measure has weight 0: at least one must count towards the score (weight 0 is for display-only measures)`,
    ]);
  });

  it('refuses a negative weight, in a measure and in a segment override', () => {
    const text = shipped.scorecard!.replace('csat: { weight: 25 }', 'csat: { weight: -1 }');
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > segments > 0 > measures > csat > weight (line ${lineOf(text, 'csat: { weight: -1 }')}): Too small: expected number to be >=0`,
    ]);
  });

  it('refuses a salesforce_field measure whose API name is an extra of accounts.yaml for another field', () => {
    // accounts.yaml names Renewal_Date__c "renewal_date"; a field whose API name is renewal_date would share its place.
    const text = withMeasures(`
  - id: renewal
    label: Renewal
    kind: salesforce_field
    field: renewal_date
    direction: higher_is_better
    weight: 5
    scoring: { type: linear, zero_at: 0, full_at: 180 }
`);
    expect(problemsOf({ ...shipped, scorecard: text })).toEqual([
      `scorecard.yaml > measures > ${FIRST_NEW} > field (line ${lineOf(text, 'field: renewal_date')}): accounts.yaml > salesforce > extra already uses the name "renewal_date" for Renewal_Date__c: rename that entry`,
    ]);
  });
});
