/**
 * V8 flags the CLI runs with. A sync streams short-lived pages and rows through the heap; on a
 * machine with plenty of memory V8 lets the young generation grow to 64 MB per semi-space, and the
 * pages it used stay resident. Capped at 16 MB, relinking 1.2 million facts peaked at 325 MB
 * instead of 502 on a 24 GB machine, at the same speed; the old generation is handled in
 * src/sync/heap.ts. A semi-space size given on the node command line or in
 * NODE_OPTIONS wins.
 */
export const RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/**
 * Environment the CLI runs with on Linux, read by glibc's malloc at process start. Response bodies
 * (a Genesys results page is 3.4 MB) are allocated outside the V8 heap. glibc serves blocks over
 * 128 KB with their own mappings and returns them when freed, but after the first such free it
 * raises that threshold to the freed size, so later bodies come from the main heap and stay
 * resident when freed among live blocks. A fixed threshold keeps returning them: in a Genesys read
 * of 250,000 calls the main heap stayed at 35 MB instead of 70. A value already set wins; other C
 * libraries ignore it.
 */
export const RUNTIME_ENV: Readonly<Record<string, string>> =
  process.platform === 'linux' ? { MALLOC_MMAP_THRESHOLD_: '131072' } : {};

const flagName = (flag: string): string => flag.split('=')[0]!.replace(/_/g, '-');

/** The flags of RUNTIME_FLAGS that neither the node command line nor NODE_OPTIONS sets. */
export function missingRuntimeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName));
  return RUNTIME_FLAGS.filter((f) => !given.has(flagName(f)));
}

/** The variables of RUNTIME_ENV that `env` does not set. */
export function missingRuntimeEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(RUNTIME_ENV).filter(([k]) => env[k] === undefined));
}

/**
 * Commands that hold no data worth the flags: a restart is a second Node start-up (about 40 ms of
 * the 0.1 s `--version` takes), spent for nothing.
 */
const LIGHT_COMMANDS = new Set(['validate', 'hash-key', 'help']);

/** Whether a command line (without node and the script) is worth a restart with the flags. */
export function wantsRuntimeFlags(args: readonly string[]): boolean {
  const first = args[0];
  return first !== undefined && !first.startsWith('-') && !LIGHT_COMMANDS.has(first);
}

/**
 * Replaces this process (same pid and stdio) with one that has the flags and the environment: V8
 * reads its heap limits, and malloc its tunables, only at start. Where `process.execve` is missing
 * (Windows), runs without them.
 */
export function relaunchWithRuntimeFlags(): void {
  const missing = missingRuntimeFlags(process.execArgv, process.env['NODE_OPTIONS']);
  const env = missingRuntimeEnv(process.env);
  if ((missing.length === 0 && Object.keys(env).length === 0) || typeof process.execve !== 'function') return;
  process.execve(
    process.execPath,
    [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
    { ...process.env, ...env },
  );
}
