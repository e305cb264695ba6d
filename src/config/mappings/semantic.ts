import type { ConfigProblem } from '../../errors.ts';
import { RULE_KEYS, SOURCE_OF_KIND } from './accounts.ts';
import type { Mappings } from './index.ts';
import { COUNT_METRICS, REQUIRED_PARAMS, STATE_METRICS, type MetricId } from './metric-ids.ts';
import type { Measure, Scoring, Segment } from './scorecard.ts';

type Problem = Omit<ConfigProblem, 'line'>;

const SOURCE_OF_ENTITY: Partial<Record<string, string>> = SOURCE_OF_KIND;

function duplicates<T>(items: T[], key: (t: T) => string): { index: number; value: string }[] {
  const seen = new Set<string>();
  const out: { index: number; value: string }[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) out.push({ index, value });
    seen.add(value);
  });
  return out;
}

function checkScoring(scoring: Scoring, direction: string, path: (string | number)[], out: Problem[]): void {
  const higher = direction === 'higher_is_better';
  if (scoring.type === 'linear') {
    if (scoring.zero_at === scoring.full_at) out.push({ file: 'scorecard.yaml', path: [...path, 'full_at'], message: 'must differ from zero_at' });
    else if (higher !== scoring.full_at > scoring.zero_at)
      out.push({
        file: 'scorecard.yaml',
        path: [...path, 'full_at'],
        message: `must be ${higher ? 'greater' : 'less'} than zero_at for a measure where ${direction.replace(/_/g, ' ')}`,
      });
    return;
  }
  scoring.bands.forEach((band, i) => {
    const last = i === scoring.bands.length - 1;
    const at = [...path, 'bands', i];
    if (last && band.limit !== undefined) out.push({ file: 'scorecard.yaml', path: [...at, 'limit'], message: 'the last band catches every other value: leave out its limit' });
    if (!last && band.limit === undefined) out.push({ file: 'scorecard.yaml', path: at, message: 'only the last band may leave out its limit' });
    const prev = scoring.bands[i - 1];
    if (!prev) return;
    if (band.score > prev.score) out.push({ file: 'scorecard.yaml', path: [...at, 'score'], message: `bands go from best to worst: ${band.score} is above the previous band's ${prev.score}` });
    if (band.limit !== undefined && prev.limit !== undefined && (higher ? band.limit >= prev.limit : band.limit <= prev.limit))
      out.push({
        file: 'scorecard.yaml',
        path: [...at, 'limit'],
        message: `limits must ${higher ? 'decrease' : 'increase'} from band to band (${prev.limit} then ${band.limit})`,
      });
  });
}

const ALL_ZERO =
  'every measure has weight 0: at least one must count towards the score (weight 0 is for display-only measures)';

/** The weights a segment leaves: its overrides applied, its exclusions dropped. */
const segmentWeights = (measures: Measure[], seg: Segment): number[] =>
  measures.filter((x) => !seg.exclude.includes(x.id)).map((x) => seg.measures[x.id]?.weight ?? x.weight);

function paramProblems(
  metric: MetricId,
  params: Record<string, string | number>,
  path: (string | number)[],
  out: Problem[],
): void {
  for (const p of REQUIRED_PARAMS[metric] ?? [])
    if (params[p] === undefined) out.push({ file: 'scorecard.yaml', path: [...path, 'params'], message: `${metric} needs params.${p}` });
  const within = params['within_days'];
  if (metric === 'repeat_contact_rate' && within !== undefined && !(typeof within === 'number' && within > 0 && within <= 90))
    out.push({ file: 'scorecard.yaml', path: [...path, 'params', 'within_days'], message: 'must be a number of days above 0, at most 90' });
}

/** What each kind of measure needs beyond its shape. */
function measureProblems(measure: Measure, at: (string | number)[], out: Problem[]): void {
  switch (measure.kind) {
    case 'metric':
      return paramProblems(measure.metric, measure.params, at, out);
    case 'change':
      paramProblems(measure.metric, measure.params, at, out);
      if (STATE_METRICS.includes(measure.metric))
        out.push({
          file: 'scorecard.yaml',
          path: [...at, 'metric'],
          message: `${measure.metric} is a state at the time of scoring (a backlog), with no window before to compare with: a change measure cannot use it`,
        });
      return;
    case 'ratio':
      for (const side of ['numerator', 'denominator'] as const) {
        const operand = measure[side];
        paramProblems(operand.metric, operand.params, [...at, side], out);
        if (!COUNT_METRICS.includes(operand.metric))
          out.push({
            file: 'scorecard.yaml',
            path: [...at, side, 'metric'],
            message: `a ratio divides counts: ${operand.metric} is not one (use one of ${COUNT_METRICS.join(', ')})`,
          });
      }
      return;
    case 'salesforce_field':
      if (measure.min_sample > 1)
        out.push({
          file: 'scorecard.yaml',
          path: [...at, 'min_sample'],
          message: 'an Account field is one data point: min_sample must be 1 (or left out)',
        });
      return;
  }
}

/**
 * A salesforce_field measure's value is stored under the field's API name among the Account's
 * fields, where accounts.yaml's `extra` names live too: the same name for another field would mix them.
 */
function measuredFieldClashes(m: Mappings, out: Problem[]): void {
  const extra = m.accounts.salesforce.extra;
  m.scorecard.measures.forEach((measure, i) => {
    if (measure.kind !== 'salesforce_field') return;
    const api = extra[measure.field];
    if (api !== undefined && api.toLowerCase() !== measure.field.toLowerCase())
      out.push({
        file: 'scorecard.yaml',
        path: ['measures', i, 'field'],
        message: `accounts.yaml > salesforce > extra already uses the name "${measure.field}" for ${api}: rename that entry`,
      });
  });
}

/** Checks that need more than one value or more than one file: references, order, uniqueness. */
export function semanticProblems(m: Mappings): Problem[] {
  const out: Problem[] = [];

  // accounts.yaml
  for (const d of duplicates(m.accounts.rules, (r) => r.name))
    out.push({ file: 'accounts.yaml', path: ['rules', d.index, 'name'], message: `duplicate rule name "${d.value}"` });
  m.accounts.rules.forEach((rule, i) => {
    const allowed: readonly string[] = RULE_KEYS[rule.match];
    if (!allowed.includes(rule.from))
      out.push({ file: 'accounts.yaml', path: ['rules', i, 'from'], message: `a "${rule.match}" rule reads one of ${allowed.join(', ')}` });
    const entity = rule.from.split('.')[0] ?? '';
    if (SOURCE_OF_ENTITY[entity] !== rule.source)
      out.push({ file: 'accounts.yaml', path: ['rules', i, 'source'], message: `"${rule.from}" comes from ${SOURCE_OF_ENTITY[entity] ?? 'no source'}, not ${rule.source}` });
    if (rule.from === 'issue.account_refs' && !m.jira.fields.account)
      out.push({ file: 'accounts.yaml', path: ['rules', i, 'from'], message: 'needs jira.yaml > fields > account (the custom field holding Account Ids)' });
    if (rule.from === 'issue.ticket_refs' && !m.jira.fields.zendesk_tickets)
      out.push({ file: 'accounts.yaml', path: ['rules', i, 'from'], message: 'needs jira.yaml > fields > zendesk_tickets' });
  });
  const accountFields = new Set(['id', 'name', 'owner', 'tier', 'website', 'phone', ...Object.keys(m.accounts.salesforce.extra)]);
  const checkCondition = (file: string, path: (string | number)[], field: string): void => {
    if (!accountFields.has(field))
      out.push({ file, path: [...path, 'field'], message: `unknown account field "${field}" (known: ${[...accountFields].join(', ')}; add others under accounts.yaml > salesforce > extra)` });
  };

  // scorecard.yaml
  const sc = m.scorecard;
  if (sc.status.green <= sc.status.yellow)
    out.push({ file: 'scorecard.yaml', path: ['status', 'green'], message: `must be above yellow (${sc.status.yellow})` });
  for (const d of duplicates(sc.measures, (x) => x.id))
    out.push({ file: 'scorecard.yaml', path: ['measures', d.index, 'id'], message: `duplicate measure id "${d.value}"` });
  sc.measures.forEach((measure, i) => {
    checkScoring(measure.scoring, measure.direction, ['measures', i, 'scoring'], out);
    measureProblems(measure, ['measures', i], out);
  });
  if (sc.measures.every((x) => x.weight === 0))
    out.push({ file: 'scorecard.yaml', path: ['measures'], message: ALL_ZERO });
  measuredFieldClashes(m, out);
  const measureIds = new Set(sc.measures.map((x) => x.id));
  for (const d of duplicates(sc.segments, (s) => s.name))
    out.push({ file: 'scorecard.yaml', path: ['segments', d.index, 'name'], message: `duplicate segment "${d.value}"` });
  sc.segments.forEach((seg, i) => {
    const at = ['segments', i];
    checkCondition('scorecard.yaml', [...at, 'when'], seg.when.field);
    if (seg.status && seg.status.green <= seg.status.yellow)
      out.push({ file: 'scorecard.yaml', path: [...at, 'status', 'green'], message: `must be above yellow (${seg.status.yellow})` });
    for (const [id, override] of Object.entries(seg.measures)) {
      const base = sc.measures.find((x) => x.id === id);
      if (!base) out.push({ file: 'scorecard.yaml', path: [...at, 'measures', id], message: `no measure "${id}" is defined under measures` });
      else if (override.scoring) checkScoring(override.scoring, base.direction, [...at, 'measures', id, 'scoring'], out);
    }
    seg.exclude.forEach((id, j) => {
      if (!measureIds.has(id)) out.push({ file: 'scorecard.yaml', path: [...at, 'exclude', j], message: `no measure "${id}" is defined under measures` });
    });
    if (seg.exclude.length >= sc.measures.length)
      out.push({ file: 'scorecard.yaml', path: [...at, 'exclude'], message: 'leaves no measure to score' });
    else if (segmentWeights(sc.measures, seg).every((w) => w === 0))
      out.push({ file: 'scorecard.yaml', path: at, message: `segment "${seg.name}": ${ALL_ZERO}` });
  });

  // salesforce.yaml
  const sf = m.salesforce;
  for (const d of duplicates(sf.fields, (f) => f.target.toLowerCase()))
    out.push({ file: 'salesforce.yaml', path: ['fields', d.index, 'target'], message: `"${d.value}" is written twice` });
  sf.fields.forEach((f, i) => {
    if (f.value.startsWith('metric:') && !measureIds.has(f.value.slice(7)))
      out.push({ file: 'salesforce.yaml', path: ['fields', i, 'value'], message: `no measure "${f.value.slice(7)}" is defined in scorecard.yaml` });
  });
  for (const d of duplicates(sf.alerts.signals, (s) => s.name))
    out.push({ file: 'salesforce.yaml', path: ['alerts', 'signals', d.index, 'name'], message: `duplicate signal "${d.value}"` });
  sf.alerts.signals.forEach((s, i) => {
    const at = ['alerts', 'signals', i];
    if (s.accounts) checkCondition('salesforce.yaml', [...at, 'accounts'], s.accounts.field);
    if (s.type === 'dispute_amount' && m.zendesk.tickets.amount_field_id === null)
      out.push({ file: 'salesforce.yaml', path: [...at, 'type'], message: 'needs zendesk.yaml > tickets > amount_field_id' });
    if (s.type === 'risk_language' && m.zendesk.tickets.risk_keywords.length === 0)
      out.push({ file: 'salesforce.yaml', path: [...at, 'type'], message: 'needs zendesk.yaml > tickets > risk_keywords' });
  });

  // zendesk.yaml
  for (const cat of Object.keys(m.zendesk.sla.by_category)) {
    const known = new Set([...Object.values(m.zendesk.tickets.category.values), ...Object.values(m.zendesk.tickets.category.tags)]);
    if (!known.has(cat)) out.push({ file: 'zendesk.yaml', path: ['sla', 'by_category', cat], message: `no category "${cat}" comes from tickets > category` });
  }
  return out;
}
