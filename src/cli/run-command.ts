import { ConfigError, EnvError, HealthSyncError, exitCodeFor } from '../errors.ts';
import { SecretScrubber } from '../log/redact.ts';

/**
 * Runs a command body and turns its outcome into an exit code (0 ok, 1 run failed, 2 bad input).
 * Known errors print their message, never a stack trace; unknown ones print a scrubbed stack. The body
 * gets the command's scrubber, to fill with the secrets it reads (appContext) and hand to whoever
 * writes text out; what escapes it as an error is scrubbed of them too.
 */
export async function runCommand(body: (scrubber: SecretScrubber) => Promise<number | void>): Promise<void> {
  const scrubber = new SecretScrubber();
  try {
    const code = await body(scrubber);
    process.exitCode = code ?? 0;
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (err instanceof ConfigError || err instanceof EnvError) console.error(scrubber.scrub(err.message));
    else if (err instanceof HealthSyncError)
      console.error(scrubber.scrub(`error ${err.code}: ${err.message}`));
    else
      console.error(
        scrubber.scrub(
          `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        ),
      );
  }
}
