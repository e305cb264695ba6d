import { setFlagsFromString } from 'node:v8';

/**
 * After its reads, a run relinks a million facts and holds every account's score and write plan.
 * V8 lets the old generation grow to up to four times what survived its last full collection
 * before collecting again, and the pages stay resident: from the match to the end of the run it
 * collects once the heap has grown 30% instead. On a full sync of 20,000 accounts that took the
 * peak RSS from 686 to 511 MB at the same wall time; set for the whole run, it also cost the reads
 * 20 s of 190 (little survives there). V8 reads the flag at each collection; 0 restores its own
 * policy. A `--heap-growing-percent` given on the node command line is left alone.
 *
 * A history rebuild turns it on as well (inside a run or from `health-sync history rebuild`): each
 * day's metric rows and trend snapshots are garbage by the next day, yet under V8's own policy the
 * old generation kept growing from day to day (`history rebuild --days 90` of 2,000 accounts peaked
 * at 345 MB; with this, 222 MB). Holders are counted, so the rebuild ending inside a run does not
 * turn it off for the rest of that run (nor one run for another).
 */
const chosenByUser = process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a));
let holders = 0;

export function collectEagerly(on: boolean): void {
  const wasOn = holders > 0;
  holders = Math.max(0, holders + (on ? 1 : -1));
  const isOn = holders > 0;
  if (chosenByUser || wasOn === isOn) return;
  setFlagsFromString(`--heap-growing-percent=${isOn ? 30 : 0}`);
}

/** Runs `fn` with eager collection on (see `collectEagerly`), and releases it however `fn` ends. */
export async function whileCollectingEagerly<T>(fn: () => Promise<T>): Promise<T> {
  collectEagerly(true);
  try {
    return await fn();
  } finally {
    collectEagerly(false);
  }
}
