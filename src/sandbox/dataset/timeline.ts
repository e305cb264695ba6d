/**
 * Maps a record's position in a stream (0..1) to a time, through the inverse of a cumulative
 * activity curve: weekdays busier than weekends, business hours busier than nights, and a spike
 * over the last days of each month (payout runs, invoices, month-end closes). Because the map is
 * monotonic, record i's time increases with i, which is the order every export API serves.
 */
const HOUR_MS = 3_600_000;

export interface Timeline {
  readonly start: number;
  readonly end: number;
  /** The time at position u in [0, 1]. Non-decreasing in u. */
  at(u: number): number;
  /** The relative activity at a time (1 = an ordinary weekday hour), for tests and spikes. */
  weightAt(t: number): number;
}

function hourWeight(t: number): number {
  const d = new Date(t);
  const dow = d.getUTCDay();
  const hour = d.getUTCHours() + 0.5;
  const day = d.getUTCDate();
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const weekday = dow === 0 || dow === 6 ? 0.35 : 1;
  // Support hours centred on 16:00 UTC (Europe afternoon, US morning).
  const daytime = 0.25 + Math.exp(-((hour - 16) ** 2) / (2 * 4 ** 2));
  const monthEnd = day >= daysInMonth - 2 || day === 1 ? 1.8 : 1;
  return weekday * daytime * monthEnd;
}

/**
 * `recentBacklog`: ticket streams are ordered by each ticket's *latest* change, and tickets still
 * being worked on changed recently, so the last days hold more latest changes than older days
 * (where only the final closures remain). Without this bump, tickets created in the last days
 * would be missing.
 */
export function createTimeline(start: number, end: number, recentBacklog = false): Timeline {
  const hours = Math.max(1, Math.ceil((end - start) / HOUR_MS));
  const cumulative = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++) {
    const from = start + h * HOUR_MS;
    const width = Math.min(HOUR_MS, end - from) / HOUR_MS;
    const backlog = recentBacklog ? 1 + 1.6 * Math.exp(-(end - from) / (3 * 86_400_000)) : 1;
    cumulative[h + 1] = cumulative[h]! + hourWeight(from) * backlog * width;
  }
  const total = cumulative[hours]!;
  return {
    start,
    end,
    at(u: number): number {
      const target = Math.min(1, Math.max(0, u)) * total;
      let lo = 0;
      let hi = hours;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! <= target) lo = mid;
        else hi = mid;
      }
      const a = cumulative[lo]!;
      const b = cumulative[lo + 1]!;
      const frac = b > a ? (target - a) / (b - a) : 0;
      return Math.min(end, start + (lo + frac) * HOUR_MS);
    },
    weightAt: hourWeight,
  };
}
