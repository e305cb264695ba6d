interface LogLine {
  time?: number;
  msg?: string;
  stream?: string;
  durationMs?: number;
  reason?: string;
  ms?: number;
  peakRssMb?: number;
}

function logLines(stderr: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const raw of stderr.split('\n')) {
    if (!raw.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(raw) as LogLine);
    } catch {
      // not a log line
    }
  }
  return lines;
}

/** Each phase's first and last log line, in order (either may be missing). */
function phaseBounds(lines: LogLine[]): [string, LogLine | undefined, LogLine | undefined][] {
  const at = (msg: string): LogLine | undefined => lines.find((l) => l.msg === msg);
  const out: [string, LogLine | undefined, LogLine | undefined][] = [];
  let prev = at('run started');
  for (const l of lines)
    if (l.msg === 'stream done' && l.stream) {
      out.push([`read ${l.stream}`, prev, l]);
      prev = l;
    }
  const matched = at('matched facts to accounts');
  const plan =
    at('write plan') ?? at('write-back: no account rescored or changed since the last complete write-back');
  const finished = at('run finished');
  out.push(['match', prev, matched], ['score + plan', matched, plan], ['write + tasks', plan, finished]);
  return out;
}

/**
 * Where a sync's time went, from its own JSON log lines (LOG_LEVEL=info adds about one line per
 * stream and stage): each stream from the previous event to its `stream done`, then match (its
 * logged durationMs), score (to the `write plan` line, which includes one describe call, or to the
 * line of a write-back with nothing to plan) and write (from there to `run finished`, Tasks included).
 * Seconds.
 */
export function phasesFromLog(stderr: string): Record<string, number> {
  const lines = logLines(stderr);
  const s = (a: number | undefined, b: number | undefined): number =>
    a === undefined || b === undefined ? NaN : Math.round((b - a) / 10) / 100;
  const out: Record<string, number> = {};
  // The trend days, rebuilt before scoring; or older days (backfill) after the write-back.
  const rebuilt = lines.find((l) => l.msg === 'score history rebuilt');
  for (const [name, from, to] of phaseBounds(lines)) {
    out[name] = s(from?.time, to?.time);
    if (name === 'match' && to?.durationMs !== undefined)
      out['match (logged)'] = Math.round(to.durationMs / 10) / 100;
    if (name === 'score + plan' && rebuilt?.ms !== undefined)
      out[rebuilt.reason === 'backfill' ? 'of which history backfill' : 'of which history rebuild'] =
        Math.round(rebuilt.ms / 10) / 100;
  }
  const started = lines.find((l) => l.msg === 'run started');
  out['run'] = s(started?.time, lines.find((l) => l.msg === 'run finished')?.time);
  return out;
}

/**
 * The process's peak RSS (every log line carries `peakRssMb`) at the end of each phase, in MB: it
 * only grows, so the phase where it reaches the run's peak is the one to look at. Null where the
 * phase's last line is missing.
 */
export function peakRssByPhase(stderr: string): Record<string, number | null> {
  return Object.fromEntries(
    phaseBounds(logLines(stderr)).map(([name, , to]) => [name, to?.peakRssMb ?? null]),
  );
}
