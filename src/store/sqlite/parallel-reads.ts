import { Worker } from 'node:worker_threads';

/** A read-only statement and its named parameters (`:p0`…), as the main connection would run it. */
export interface ReadStatement {
  sql: string;
  params: Record<string, string | number>;
}

/** What the main thread sends the read worker: a batch, and the counter both claim statements from. */
export interface ReadBatch {
  id: number;
  statements: ReadStatement[];
  claim: SharedArrayBuffer;
}

export type ReadReply =
  | { batch: number; index: number; rows: unknown[] }
  | { batch: number; index: number; error: string }
  | { batch: number; done: true };

/**
 * The worker thread: a read-only connection to the store's file that answers the statements of each
 * batch it is sent, claiming each from the counter it shares with the main thread. WAL lets it read
 * while the main connection reads or writes; it sees what was committed. It is started from this
 * function's text (already plain JavaScript once loaded) rather than from a module: a worker that
 * loads TypeScript loads its own type stripper, 18 MB more resident memory for 30 lines.
 */
function readWorker(): void {
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  const threads = process.getBuiltinModule('node:worker_threads');
  const parentPort = threads.parentPort;
  const db = new DatabaseSync(threads.workerData as string, { readOnly: true });
  // The scans read each page once: the OS's file cache serves them, a page cache of its own would only
  // add resident memory (SQLite's default, 2 MB).
  db.exec('PRAGMA busy_timeout = 5000;');
  parentPort?.on('message', (batch: ReadBatch) => {
    const claim = new Int32Array(batch.claim);
    for (
      let index = Atomics.add(claim, 0, 1);
      index < batch.statements.length;
      index = Atomics.add(claim, 0, 1)
    ) {
      const { sql, params } = batch.statements[index]!;
      let reply: ReadReply;
      try {
        reply = { batch: batch.id, index, rows: db.prepare(sql).all(params) };
      } catch (err) {
        reply = { batch: batch.id, index, error: err instanceof Error ? err.message : String(err) };
      }
      parentPort?.postMessage(reply);
    }
    parentPort?.postMessage({ batch: batch.id, done: true } satisfies ReadReply);
  });
}

/**
 * Runs the statements of a batch on two threads: the main connection and a worker's read-only one.
 * `node:sqlite` answers on the calling thread, so one connection uses one core however many the
 * machine has; scoring every account is a handful of independent scans over the facts. Each side
 * claims the next statement from a shared counter, so a long statement on one side does not hold up
 * the other. A statement the worker could not answer (an error, or the worker died) runs on the main
 * connection, where its error, if it has one, is the caller's. A worker that died is not replaced:
 * every later batch runs on the main connection alone.
 */
export class ParallelReads {
  private readonly path: string;
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 1;

  constructor(path: string) {
    this.path = path;
  }

  /** Whether a batch started the worker thread, and it is still up. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** False once the worker died or was closed: batches then run on the main connection alone. */
  get usable(): boolean {
    return !this.broken;
  }

  /**
   * Runs every statement once: `here(i)` on the main connection, or `there(i, rows)` with the rows
   * the worker read.
   */
  async run(
    statements: ReadStatement[],
    here: (index: number) => Promise<void>,
    there: (index: number, rows: unknown[]) => void,
  ): Promise<void> {
    const ranHere = new Set<number>();
    const runHere = async (i: number): Promise<void> => {
      ranHere.add(i);
      await here(i);
    };
    const w = this.worker ?? this.spawn();
    if (!w) {
      for (let i = 0; i < statements.length; i++) await runHere(i);
      return;
    }
    const id = this.nextId++;
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const answered = new Set<number>();
    const finished = new Promise<void>((resolve) => {
      const end = (): void => {
        w.off('message', onMessage).off('exit', end);
        resolve();
      };
      const onMessage = (reply: ReadReply): void => {
        if (reply.batch !== id) return;
        if ('done' in reply) end();
        else if ('rows' in reply) {
          answered.add(reply.index);
          there(reply.index, reply.rows);
        }
      };
      w.on('message', onMessage).on('exit', end);
    });
    w.ref();
    w.postMessage({ id, statements, claim: claim.buffer } satisfies ReadBatch);
    try {
      for (let i = Atomics.add(claim, 0, 1); i < statements.length; i = Atomics.add(claim, 0, 1))
        await runHere(i);
    } finally {
      await finished;
      if (this.worker === w) w.unref();
    }
    for (let i = 0; i < statements.length; i++) if (!answered.has(i) && !ranHere.has(i)) await runHere(i);
  }

  /** Stops the worker (waits for it to exit). */
  async close(): Promise<void> {
    this.broken = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private spawn(): Worker | undefined {
    if (this.broken) return undefined;
    // A small young generation: the rows of one statement at a time pass through it.
    const w = new Worker(`(${readWorker.toString()})()`, {
      eval: true,
      workerData: this.path,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    w.on('error', () => undefined); // its exit follows: the batch's statements run here
    w.on('exit', () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.broken = true;
    });
    w.unref();
    this.worker = w;
    return w;
  }
}
