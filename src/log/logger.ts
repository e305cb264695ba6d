import { pino, type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS, type SecretScrubber } from './redact.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default so that `--json` output on stdout stays clean. */
  destination?: DestinationStream;
  /** Every line is scrubbed of the secrets it knows, whatever field they hide in. */
  scrubber: SecretScrubber;
}

/** JSON logs (pino) with credentials redacted by path and scrubbed by value, and the peak RSS. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'health-sync' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      hooks: { streamWrite: (line) => options.scrubber.scrub(line) },
      // The process's peak resident memory so far: where in a run it grew is on every line.
      mixin: () => ({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
    },
    options.destination ?? pino.destination(2),
  );
}
