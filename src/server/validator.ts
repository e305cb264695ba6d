import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { validateMappingTexts, type MappingTexts, type MappingValidation } from '../config/mappings/load.ts';
import type { ConfigProblem } from '../errors.ts';
import { ApiError } from './api-error.ts';

/** Validates a set of mapping texts (`dir` is what the loaded configuration records as its home). */
export type ValidateFn = (texts: MappingTexts, dir: string) => Promise<MappingValidation>;

export interface MappingValidator {
  validate: ValidateFn;
  /** Stops the worker; validations still waiting are refused. */
  close(): Promise<void>;
}

export interface ValidationRequest {
  id: number;
  texts: MappingTexts;
  dir: string;
}
export type ValidationReply =
  | { id: number; startedCpuMs: number }
  | { id: number; result: MappingValidation }
  | { id: number; error: string };

/** In the calling thread: for the CLI, where nothing else waits on the event loop. */
export const validateInProcess: ValidateFn = (texts, dir) =>
  Promise.resolve(validateMappingTexts(texts, dir));

interface Job {
  request: ValidationRequest;
  resolve(result: MappingValidation): void;
  reject(err: Error): void;
}

/** A validation that could not finish: reported like a refused file, so nothing is applied. */
const stopped = (dir: string, message: string): MappingValidation => {
  const problem: ConfigProblem = { file: dir, path: [], message };
  return { ok: false, problems: [problem], refused: [problem] };
};

const cpuMsOf = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * Validates in one worker thread, one set of texts at a time, so the admin API keeps answering
 * (/healthz included) while a large file validates. The worker runs at a low priority, so on a busy
 * machine its wall time says little: a validation is stopped when it has used `cpuLimitMs` of CPU
 * (or, where Node cannot tell a worker's CPU time, that much wall time), or after `wallLimitMs`
 * whatever happens. A stopped validation, or one that exhausts the worker's heap, comes back as a
 * refusal; the next job starts a new worker. Past `maxWaiting` queued jobs, more are refused with
 * 503 VALIDATION_BUSY.
 */
export function createWorkerValidator(
  options: { cpuLimitMs?: number; wallLimitMs?: number; maxHeapMb?: number; maxWaiting?: number } = {},
): MappingValidator {
  const cpuLimitMs = options.cpuLimitMs ?? 20_000;
  const maxWaiting = options.maxWaiting ?? 8;
  const wallLimitMs = options.wallLimitMs ?? 120_000;
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let running: { job: Job; timers: NodeJS.Timeout[] } | undefined;
  let nextId = 1;
  let closed = false;
  // The CPU-clock request still out, if any. Node answers it through an interrupt run on the worker's
  // thread, so a worker is not terminated while one is pending (up to a second): a native crash in
  // a worker takes the whole process with it, and this is the one native call we make into a live one.
  let cpuRead: { worker: Worker; read: Promise<void> } | undefined;

  const terminate = async (w: Worker | undefined): Promise<void> => {
    if (!w) return;
    const pending = cpuRead?.worker === w ? cpuRead.read : undefined;
    if (pending) await Promise.race([pending, delay(1000, undefined, { ref: false })]);
    await w.terminate();
  };

  const settle = (outcome: { result: MappingValidation } | { error: Error }): void => {
    const current = running;
    if (!current) return;
    running = undefined;
    for (const timer of current.timers) clearTimeout(timer);
    if ('result' in outcome) current.job.resolve(outcome.result);
    else current.job.reject(outcome.error);
    worker?.unref();
    pump();
  };

  const stop = (job: Job, limit: string): void => {
    if (running?.job !== job) return;
    const w = worker;
    worker = undefined;
    void terminate(w);
    settle({ result: stopped(job.request.dir, `validation used more than ${limit} and was stopped`) });
  };

  /** Checks the worker's CPU clock against the job's start every 100 ms. */
  const watchCpu = (w: Worker, job: Job, startedCpuMs: number): void => {
    if (running?.job !== job) return;
    if (typeof w.cpuUsage !== 'function') {
      running.timers.push(setTimeout(() => stop(job, `${cpuLimitMs / 1000} s`), cpuLimitMs));
      return;
    }
    const poll = setInterval(() => {
      if (cpuRead?.worker === w) return;
      const read = w
        .cpuUsage()
        .then(
          (u) => {
            if (cpuMsOf(u) - startedCpuMs > cpuLimitMs) stop(job, `${cpuLimitMs / 1000} s of CPU`);
          },
          () => undefined,
        )
        .finally(() => {
          if (cpuRead?.read === read) cpuRead = undefined;
        });
      cpuRead = { worker: w, read };
    }, 100);
    running.timers.push(poll);
  };

  const spawn = (): Worker => {
    const w = new Worker(new URL('./validation-worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 },
    });
    w.on('message', (reply: ValidationReply) => {
      const job = running?.job;
      if (job?.request.id !== reply.id) return;
      if ('startedCpuMs' in reply) watchCpu(w, job, reply.startedCpuMs);
      else if ('result' in reply) settle({ result: reply.result });
      else settle({ error: new Error(`mapping validation failed: ${reply.error}`) });
    });
    // A worker that was replaced (after a limit) has nothing left to say about the current job.
    w.on('error', (err: Error) => {
      if (worker !== w) return;
      worker = undefined;
      const dir = running?.job.request.dir ?? '.';
      const heap = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle({
        result: stopped(
          dir,
          heap
            ? 'validation ran out of memory and was stopped'
            : `validation stopped: ${err.message.split('\n')[0]}`,
        ),
      });
    });
    w.on('exit', () => {
      if (worker !== w) return;
      worker = undefined;
      if (running) settle({ result: stopped(running.job.request.dir, 'validation stopped unexpectedly') });
    });
    return w;
  };

  function pump(): void {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    worker ??= spawn();
    // Held only while a validation runs: an idle worker never keeps the process alive.
    worker.ref();
    running = { job, timers: [setTimeout(() => stop(job, `${wallLimitMs / 1000} s`), wallLimitMs)] };
    worker.postMessage(job.request);
  }

  return {
    validate: (texts, dir) =>
      new Promise<MappingValidation>((resolve, reject) => {
        if (closed) return reject(new Error('the mapping validator is closed'));
        // Each waiting job holds up to a megabyte of texts: a flood of them waits nowhere.
        if (queue.length >= maxWaiting)
          return reject(
            new ApiError(
              503,
              'VALIDATION_BUSY',
              'too many mapping validations are waiting: try again shortly',
              {
                headers: { 'Retry-After': '5' },
              },
            ),
          );
        queue.push({ request: { id: nextId++, texts, dir }, resolve, reject });
        pump();
      }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the mapping validator is closed'));
      if (running) settle({ error: new Error('the mapping validator is closed') });
      const w = worker;
      worker = undefined;
      await terminate(w);
    },
  };
}
