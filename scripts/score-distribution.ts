/**
 * The spread of the latest scores in a state database: how many accounts per status, and each
 * measure's sub-score (min / median / max over the accounts where it has data). Used to calibrate a
 * scorecard against the sandbox's book:
 *
 *   node src/cli/main.ts demo --keep            # prints the database path
 *   node scripts/score-distribution.ts <db> [--json]
 */
import { openSqliteStore } from '../src/store/open-sqlite.ts';

const [dbPath, flag] = process.argv.slice(2);
if (!dbPath) {
  process.stderr.write('usage: node scripts/score-distribution.ts <state.db> [--json]\n');
  process.exit(2);
}

const store = openSqliteStore(dbPath);
const scores = [...(await store.scores.latestAll()).values()];
await store.close();

const statuses: Record<string, number> = {};
const subScores = new Map<string, number[]>();
for (const s of scores) {
  statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  for (const m of s.measures ?? [])
    if (m.subScore !== null) subScores.set(m.id, [...(subScores.get(m.id) ?? []), m.subScore]);
}
const median = (sorted: number[]): number => {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const measures = Object.fromEntries(
  [...subScores].map(([id, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const r = (x: number): number => Math.round(x * 10) / 10;
    return [
      id,
      { accounts: sorted.length, min: r(sorted[0]!), median: r(median(sorted)), max: r(sorted.at(-1)!) },
    ];
  }),
);

if (flag === '--json')
  process.stdout.write(`${JSON.stringify({ accounts: scores.length, statuses, measures })}\n`);
else {
  process.stdout.write(
    `${scores.length} accounts: ${Object.entries(statuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
  process.stdout.write('measure                        accounts    min  median    max\n');
  for (const [id, m] of Object.entries(measures))
    process.stdout.write(
      `${id.padEnd(30)} ${String(m.accounts).padStart(8)} ${String(m.min).padStart(6)} ${String(m.median).padStart(7)} ${String(m.max).padStart(6)}\n`,
    );
}
