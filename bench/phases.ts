/**
 * Where a sync's time went, from its own JSON log lines (LOG_LEVEL=info adds about one line per
 * stream and stage): each stream from the previous event to its `stream done`, then match (its
 * logged durationMs), score (to the `write plan` line, which includes one describe call, or to the
 * line of a write-back with nothing to plan) and write (from there to `run finished`, Tasks included).
 * Seconds.
 */
interface LogLine {
  time?: number;
  msg?: string;
  stream?: string;
  durationMs?: number;
  reason?: string;
  ms?: number;
}

export function phasesFromLog(stderr: string): Record<string, number> {
  const lines: LogLine[] = [];
  for (const raw of stderr.split('\n')) {
    if (!raw.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(raw) as LogLine);
    } catch {
      // not a log line
    }
  }
  const at = (msg: string): LogLine | undefined => lines.find((l) => l.msg === msg);
  const s = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined ? NaN : Math.round((b - a) / 10) / 100;
  const out: Record<string, number> = {};
  let prev = at('run started')?.time;
  for (const l of lines)
    if (l.msg === 'stream done' && l.stream) {
      out[`read ${l.stream}`] = s(prev, l.time);
      prev = l.time;
    }
  const matched = at('matched facts to accounts');
  const plan =
    at('write plan') ?? at('write-back: no account rescored or changed since the last complete write-back');
  const finished = at('run finished');
  out['match'] = s(prev, matched?.time);
  if (matched?.durationMs !== undefined) out['match (logged)'] = Math.round(matched.durationMs / 10) / 100;
  out['score + plan'] = s(matched?.time, plan?.time);
  // The trend days, rebuilt before scoring; or older days (backfill) after the write-back.
  const rebuilt = at('score history rebuilt');
  if (rebuilt?.ms !== undefined)
    out[rebuilt.reason === 'backfill' ? 'of which history backfill' : 'of which history rebuild'] =
      Math.round(rebuilt.ms / 10) / 100;
  out['write + tasks'] = s(plan?.time, finished?.time);
  out['run'] = s(at('run started')?.time, finished?.time);
  return out;
}
