/**
 * How long the sandbox takes to generate a large dataset, and how much memory it holds:
 *   node bench/sandbox-dataset.ts [accounts=20000] [tickets=1000000] [--json]
 * Every ticket, call and issue is generated once, in stream order, as the simulators serve them;
 * then one Zendesk export page of 1,000 tickets is serialized to time the serving path.
 */
import { createDataset } from '../src/sandbox/dataset/dataset.ts';
import { metricSetJson, ticketJson } from '../src/sandbox/zendesk/records.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const accounts = Number(args[0] ?? 20_000);
const tickets = Number(args[1] ?? 1_000_000);
const ms = (t0: number): number => Math.round(performance.now() - t0);

const t0 = performance.now();
const ds = createDataset({ seed: 1, accounts, tickets, now: Date.UTC(2026, 10, 23) });
const setupMs = ms(t0);

let t = performance.now();
let n = 0;
let checksum = 0;
for (const e of ds.tickets.forward(null, Infinity)) {
  const m = e.model();
  checksum = (checksum + m.requesterId + m.createdAt) % 1_000_000_007;
  n++;
}
const ticketMs = ms(t);

t = performance.now();
let calls = 0;
for (const e of ds.calls.forward(null, Infinity)) {
  checksum = (checksum + e.model().end) % 1_000_000_007;
  calls++;
}
const callMs = ms(t);

t = performance.now();
let issues = 0;
for (const e of ds.issues.forward(null, Infinity)) {
  checksum = (checksum + e.model().updated) % 1_000_000_007;
  issues++;
}
const issueMs = ms(t);

t = performance.now();
let bytes = 0;
let pageCount = 0;
for (const e of ds.tickets.forward(null, Infinity)) {
  const m = e.model();
  bytes +=
    JSON.stringify(ticketJson(m, 'http://127.0.0.1')).length +
    JSON.stringify(metricSetJson(m, 'http://127.0.0.1')).length;
  if (++pageCount === 1000) break;
}
const pageMs = ms(t);

const result = {
  accounts,
  tickets: n,
  calls,
  issues,
  setupMs,
  ticketMs,
  callMs,
  issueMs,
  totalSeconds: Math.round((performance.now() - t0) / 100) / 10,
  exportPageOf1000Ms: pageMs,
  exportPageBytes: bytes,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  checksum,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else
  console.log(
    `sandbox dataset: ${accounts} accounts, ${n} tickets (${ticketMs} ms), ${calls} calls (${callMs} ms), ${issues} issues (${issueMs} ms), ` +
      `setup ${setupMs} ms, total ${result.totalSeconds} s, peak RSS ${result.peakRssMb} MB; one 1,000-ticket export page ${pageMs} ms (${Math.round(bytes / 1024)} KB)`,
  );
