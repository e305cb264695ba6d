import { rereadText } from '../facts/reread.ts';
import type { Measure } from '../config/mappings/scorecard.ts';
import { NOTHING_BELOW_TARGET } from './drivers.ts';
import { formatValue, trimNumber } from './format.ts';
import type { AccountPreview, MappingPreview } from './preview-report.ts';
import type { AccountScore } from './types.ts';

/** Columns two spaces apart; the columns listed in `right` (numbers) are right-aligned. */
export function table(header: string[], rows: string[][], right: number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const FORMATS = new Set(['percent', 'count', 'ratio', 'minutes', 'hours', 'days', 'seconds', 'number']);
const shown = (value: number | null, format: string | undefined): string =>
  value === null
    ? '-'
    : format && FORMATS.has(format)
      ? formatValue(value, format as Measure['format'])
      : trimNumber(value, 4);

const n = (v: number | null, digits = 1): string => (v === null ? '-' : trimNumber(v, digits));
const signed = (v: number | null): string => (v === null ? '-' : `${v > 0 ? '+' : ''}${trimNumber(v, 1)}`);
const pct = (v: number): string => `${trimNumber(v * 100, 0)}%`;

export function accountPreviewText(p: AccountPreview): string {
  const s = p.score;
  const head = [
    `${p.account.name} (${p.account.id})${p.account.tier ? `, tier ${p.account.tier}` : ''}`,
    `scorecard ${s.scorecardVersion}, segment ${s.segment ?? '(base)'}, at ${new Date(s.computedAt).toISOString()}`,
    `score ${n(s.score)}  status ${s.status}  coverage ${pct(s.coverage)}  trend 7d ${signed(s.trend7d)}  30d ${signed(s.trend30d)}`,
  ];
  if (p.saved)
    head.push(
      `last saved: score ${n(p.saved.score)}, ${p.saved.status}, at ${new Date(p.saved.computedAt).toISOString()}`,
    );
  const rows = s.measures.map((m) => [
    m.label,
    shown(m.value, m.format),
    String(m.sample),
    n(m.subScore),
    m.hasData ? pct(m.weight) : '-',
    m.hasData ? trimNumber(m.contribution, 2) : '-',
    m.hasData ? '' : 'no data',
  ]);
  return [
    ...head,
    '',
    table(['measure', 'value', 'sample', 'sub-score', 'weight', 'contribution', ''], rows, [1, 2, 3, 4, 5]),
    '',
    ...explanationText(s),
  ].join('\n');
}

const numbered = (items: string[]): string[] => items.map((d, i) => `  ${i + 1}. ${d}`);

/** What pulls the score down and what holds it up; without a score, why there is none. */
export function explanationText(s: Pick<AccountScore, 'status' | 'drivers' | 'strengths'>): string[] {
  if (s.status === 'insufficient_data') return ['No score:', ...numbered(s.drivers)];
  return [
    'Pulling the score down:',
    ...(s.drivers.length ? numbered(s.drivers) : [`  ${NOTHING_BELOW_TARGET}`]),
    'Strengths:',
    ...(s.strengths.length ? numbered(s.strengths) : ['  None at or above target']),
  ];
}

const LIST_LIMIT = 50;

export function mappingPreviewText(p: MappingPreview): string {
  const statuses = Object.keys(p.current.byStatus) as (keyof MappingPreview['current']['byStatus'])[];
  const out = [
    ...p.warnings.map((w) => `warning: ${w}`),
    `${p.accounts} accounts at ${new Date(p.now).toISOString()}: scorecard ${p.current.scorecardVersion} → ${p.proposed.scorecardVersion}`,
    '',
    table(
      ['status', 'current', 'proposed'],
      statuses.map((s) => [s, String(p.current.byStatus[s]), String(p.proposed.byStatus[s])]),
      [1, 2],
    ),
    '',
    `${p.statusChanges.length} ${p.statusChanges.length === 1 ? 'account changes' : 'accounts change'} status`,
  ];
  if (p.transitions.length) out.push(...p.transitions.map((t) => `  ${t.from} → ${t.to}: ${t.count}`));
  if (p.statusChanges.length)
    out.push(
      'These moves are the configuration\'s, not the accounts\': they would open no "health dropped" Task',
      '(the alert baselines move; the run records them under configChanges).',
    );
  if (p.statusChanges.length) {
    out.push(
      '',
      table(
        ['account', 'name', 'from', 'to', 'score'],
        p.statusChanges
          .slice(0, LIST_LIMIT)
          .map((c) => [c.accountId, c.name, c.from, c.to, `${n(c.scoreFrom)} → ${n(c.scoreTo)}`]),
      ),
    );
    if (p.statusChanges.length > LIST_LIMIT)
      out.push(`  … and ${p.statusChanges.length - LIST_LIMIT} more (--json lists all)`);
  }
  out.push(
    '',
    'score changes:',
    table(
      ['change', 'accounts'],
      p.deltas.map((d) => [d.bucket, String(d.count)]),
      [1],
    ),
  );
  if (p.biggestMovers.length)
    out.push(
      '',
      'biggest movers:',
      table(
        ['account', 'name', 'score', 'change', 'status'],
        p.biggestMovers.map((m) => [
          m.accountId,
          m.name,
          `${n(m.scoreFrom)} → ${n(m.scoreTo)}`,
          signed(m.delta),
          m.from === m.to ? m.to : `${m.from} → ${m.to}`,
        ]),
        [3],
      ),
    );
  out.push('', ...rereadText(p.reread));
  return out.join('\n');
}
