/**
 * V8 flags the CLI runs with. A sync streams short-lived pages and rows through the heap; on a
 * machine with plenty of memory V8 lets the young generation grow to 64 MB per semi-space, and the
 * pages it used stay resident. Capped at 16 MB, relinking 1.2 million facts peaked at 325 MB
 * instead of 502 on a 24 GB machine, at the same speed; the old generation is handled in
 * src/sync/heap.ts. A semi-space size given on the node command line or in
 * NODE_OPTIONS wins.
 */
export const RUNTIME_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

const flagName = (flag: string): string => flag.split('=')[0]!.replace(/_/g, '-');

/** The flags of RUNTIME_FLAGS that neither the node command line nor NODE_OPTIONS sets. */
export function missingRuntimeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName));
  return RUNTIME_FLAGS.filter((f) => !given.has(flagName(f)));
}

/**
 * Replaces this process (same pid, stdio and environment) with one that has the flags: V8 reads
 * its heap limits only at start. Where `process.execve` is missing (Windows), runs without them.
 */
export function relaunchWithRuntimeFlags(): void {
  const missing = missingRuntimeFlags(process.execArgv, process.env['NODE_OPTIONS']);
  if (missing.length === 0 || typeof process.execve !== 'function') return;
  process.execve(process.execPath, [
    process.execPath,
    ...missing,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}
