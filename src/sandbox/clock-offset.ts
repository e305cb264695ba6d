/**
 * Preloaded (`node --import`) into a process that talks to a sandbox whose clock was moved: shifts
 * the process's wall clock by SANDBOX_CLOCK_OFFSET_MS, as libfaketime would, so that the process
 * and the simulators agree on the time and no record is in either one's future. The e2e suite pins
 * every CLI it starts to its sandbox's clock this way (tests never depend on the date), and the bench
 * runs its later syncs "hours later". Only the wall clock moves: `performance.now()` and timers do
 * not, so durations and timeouts behave as usual.
 */
const offset = Number(process.env['SANDBOX_CLOCK_OFFSET_MS'] ?? 0);

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
