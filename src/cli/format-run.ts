import type { RunRecord } from '../store/store.ts';
import { readRunStats } from '../sync/run-stats.ts';
import { unlinkedLine } from './format-unmatched.ts';

const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const padL = (s: string | number, n: number): string => String(s).padStart(n);

/** A run record as the few lines an operator reads after `sync`: per source, matching, writes, errors. */
export function formatRun(run: RunRecord): string {
  const stats = readRunStats(run.stats);
  const secs = ((run.endedAt ?? Date.now()) - run.startedAt) / 1000;
  const lines = [`run ${run.id} ${run.status} in ${secs.toFixed(1)} s (trigger ${run.trigger})`];
  if (!stats) return lines.join('\n');
  lines.push(
    '',
    `  ${pad('source', 12)}${padL('pages', 7)}${padL('records', 10)}${padL('deleted', 9)}${padL('API calls', 11)}${padL('retries', 9)}${padL('429s', 6)}${padL('errors', 8)}`,
  );
  for (const [source, s] of Object.entries(stats.sources))
    lines.push(
      `  ${pad(source, 12)}${padL(s.pages, 7)}${padL(s.upserts, 10)}${padL(s.deletes, 9)}${padL(s.apiCalls, 11)}${padL(s.retries, 9)}${padL(s.rateLimited, 6)}${padL(s.errors, 8)}`,
    );
  const waits = Object.entries(stats.sources).flatMap(([source, s]) =>
    [
      s.rateLimitWaitMs ? `${source} ${Math.ceil(s.rateLimitWaitMs / 1000)} s on 429s` : '',
      s.limiterWaitMs >= 1000
        ? `${source} ${Math.ceil(s.limiterWaitMs / 1000)} s on our client-side limit`
        : '',
    ].filter(Boolean),
  );
  if (waits.length) lines.push(`  waited: ${waits.join(', ')}`);
  // What the store holds unlinked after this run (not only what it read), keyed by the first rule that
  // had a key to look up and found no account (`none`: no rule had a key).
  const unlinked = unlinkedLine(stats.unmatched);
  lines.push('', `  unlinked now (source/first rule that found nothing): ${unlinked}`);
  if (unlinked !== 'none')
    lines.push('  (health-sync unmatched lists the organizations, domains and issues behind them)');
  for (const r of stats.reconciliation)
    if (r.difference !== null && r.difference !== 0)
      lines.push(`  reconciliation ${r.stream}: source says ${r.expected}, stored ${r.stored} (${r.note})`);
  const h = stats.historyRebuild;
  if (h) {
    const which =
      h.reason === 'backfill'
        ? `${h.days} older day${h.days === 1 ? '' : 's'}, ${h.from} to ${h.to}`
        : `the ${h.days} days today's trends read (${h.reason}): ${h.from} and ${h.to}`;
    const left = h.remaining
      ? `; ${h.remaining} older days follow in the next runs (or health-sync history rebuild)`
      : '';
    lines.push(
      `  score history rebuilt: ${which}, ${h.accounts} accounts, ${h.written} snapshots written, ${(h.ms / 1000).toFixed(1)} s${left}`,
    );
  }
  const r = stats.rescored;
  if (r) {
    const split = r.crossed ? `: ${r.changed ?? 0} changed, ${r.crossed} by the hour` : '';
    lines.push(`  scored: ${r.accounts} of ${r.of} accounts (${r.reason}${split})`);
  }
  const w = stats.writes;
  lines.push(
    `  Salesforce: ${w.attempted} accounts sent, ${w.succeeded} written, ${w.failed} failed, ${w.requests} API requests${w.retries ? ` (${w.retries} retried)` : ''}, ${stats.tasksCreated} Tasks created${w.unchanged ? ' (nothing to plan: no account rescored or changed since the last complete write-back)' : ''}`,
  );
  const sn = stats.snapshots;
  if (sn)
    lines.push(
      `  Health snapshots: ${sn.upserted} rows written of ${sn.planned} planned (${sn.unchanged} unchanged, ${sn.failed} failed), ${sn.deleted} past retention deleted, ${sn.requests} API requests`,
    );
  if (stats.errors.length) {
    lines.push('', `  errors (${stats.errors.length}):`);
    for (const e of stats.errors.slice(0, 10))
      lines.push(`    ${e.code}${e.source ? ` [${e.source}]` : ''}: ${e.message}`);
    if (stats.errors.length > 10)
      lines.push(
        `    … ${stats.errors.length - 10} more in the run record (health-sync sync --json, or GET /runs/${run.id})`,
      );
  }
  return lines.join('\n');
}
