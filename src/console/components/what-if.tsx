import { STATUS_LABEL, count, score } from '../format.ts';
import { ScoreHistogram } from './score-histogram.tsx';
import { StatusBadge } from './status-badge.tsx';
import { TableHead } from './table-head.tsx';

/** The parts of the scorecard's what-if report (src/score/preview-report.ts) shown here. */
export interface WhatIf {
  accounts: number;
  current: { scorecardVersion: string; byStatus: Record<string, number> };
  proposed: { scorecardVersion: string; byStatus: Record<string, number> };
  statusChanges: {
    accountId: string;
    name: string;
    from: string;
    to: string;
    scoreFrom: number | null;
    scoreTo: number | null;
  }[];
  deltas: { bucket: string; count: number }[];
  warnings: string[];
  /** Scores by tens, now and with the change (reports from before it lack them). */
  histogram?: { current: number[]; proposed: number[] };
  writes?: {
    proposed: { records: number; fields: Record<string, number> };
    current: { records: number; fields: Record<string, number> };
    changedRecords: number;
    changedFields: Record<string, number>;
  };
}

const STATUSES = ['green', 'yellow', 'red', 'insufficient_data'];

export function WhatIfReport({ report }: { report: WhatIf }) {
  return (
    <div class="whatif">
      <table class="table compact" aria-label="Accounts by status, now and with the change">
        <TableHead
          columns={['Status', { label: 'Now', num: true }, { label: 'With the change', num: true }]}
        />
        <tbody>
          {STATUSES.map((s) => {
            const a = report.current.byStatus[s] ?? 0;
            const b = report.proposed.byStatus[s] ?? 0;
            return (
              <tr key={s}>
                <td>{STATUS_LABEL[s]}</td>
                <td class="num">{count(a)}</td>
                <td class={`num strong ${b === a ? '' : (s === 'green') === b > a ? 'better' : 'worse'}`}>
                  {count(b)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="whatif-summary" role="status">
        {report.statusChanges.length === 0
          ? `No account of ${count(report.accounts)} changes status.`
          : `${count(report.statusChanges.length)} of ${count(report.accounts)} accounts change status.`}
      </p>
      {report.statusChanges.length > 0 && (
        <ul class="changes">
          {report.statusChanges.slice(0, 12).map((c) => (
            <li key={c.accountId}>
              <span class="strong">{c.name}</span> <StatusBadge status={c.from} /> {score(c.scoreFrom)} →{' '}
              <StatusBadge status={c.to} /> {score(c.scoreTo)}
            </li>
          ))}
        </ul>
      )}
      {report.histogram && (
        <div class="grid-2 whatif-histograms">
          <figure>
            <figcaption>Scores now</figcaption>
            <ScoreHistogram bins={report.histogram.current} />
          </figure>
          <figure>
            <figcaption>Scores with the change</figcaption>
            <ScoreHistogram bins={report.histogram.proposed} />
          </figure>
        </div>
      )}
      {report.writes && <WritesTable writes={report.writes} />}
      {report.warnings.map((w) => (
        <p class="notice notice-warn" key={w}>
          {w}
        </p>
      ))}
    </div>
  );
}

/** The Salesforce writes the change itself causes, per field, and what the next run writes in all. */
function WritesTable({ writes }: { writes: NonNullable<WhatIf['writes']> }) {
  const fields = Object.entries(writes.changedFields).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return (
    <div class="whatif-writes">
      <h3>Salesforce writes</h3>
      <p class="writes-summary">
        The change rewrites {count(writes.changedRecords)} Account
        {writes.changedRecords === 1 ? '' : 's'}; the next run would write {count(writes.proposed.records)} (
        {count(writes.current.records)} without it).
      </p>
      {fields.length > 0 && (
        <table class="table compact" aria-label="Fields the change rewrites">
          <TableHead columns={['Field', { label: 'Records', num: true }]} />
          <tbody>
            {fields.map(([name, n]) => (
              <tr key={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td class="num">{count(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
