/** How often the parent is checked: a stop then starts within a second of the parent's exit. */
const POLL_MS = 1000;

/**
 * Calls `onGone` once when this process's parent exits. Node has no parent-death signal; an orphan is
 * re-parented (to init or a subreaper), so a changed `process.ppid` is the sign. The timer never keeps
 * the process alive.
 */
export function followParent(onGone: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, POLL_MS).unref();
  return () => clearInterval(timer);
}
