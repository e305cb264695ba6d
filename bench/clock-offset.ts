/**
 * Preloaded into a benchmark's sync process (`node --import`): moves the process's clock
 * BENCH_CLOCK_OFFSET_MS ahead, by as much as the sandbox's clock was moved (POST /__sandbox/clock),
 * as libfaketime would. The bench uses it to run the syncs after the full one "hours later", once
 * every call the mutation started has ended and reached Genesys's analytics; the process and the
 * sandbox then agree on the time, so no record is in either one's future. Only the wall clock moves:
 * `performance.now()` and timers do not, so durations are measured as usual.
 */
const offset = Number(process.env['BENCH_CLOCK_OFFSET_MS'] ?? 0);

if (offset) {
  const Real = Date;
  const now = (): number => Real.now() + offset;
  globalThis.Date = new Proxy(Real, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length ? args : [now()], newTarget) as object,
    // `Date()` called as a function is the current time as a string.
    apply: () => new Real(now()).toString(),
    get: (target, prop, receiver) =>
      prop === 'now' ? now : (Reflect.get(target, prop, receiver) as unknown),
  });
}
