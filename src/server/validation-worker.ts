import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { validateMappingTexts } from '../config/mappings/load.ts';
import type { ValidationReply, ValidationRequest } from './validator.ts';

/**
 * The worker thread behind `createWorkerValidator`: validates one set of mapping texts per message,
 * so a large or hostile file costs this thread's time, never the admin API's event loop.
 */

// Validation is background work: on a busy machine the event loop answering requests (/healthz
// included) should win the CPU. On Linux the nice value is per thread, so this lowers only this thread.
try {
  setPriority(19);
} catch {
  // Not permitted or not supported here: run at the normal priority.
}

const cpuMs = (): number => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

parentPort?.on('message', (request: ValidationRequest) => {
  // The CPU clock at the start of the job: the parent stops jobs that use too much of it.
  parentPort?.postMessage({ id: request.id, startedCpuMs: cpuMs() } satisfies ValidationReply);
  let reply: ValidationReply;
  try {
    reply = { id: request.id, result: validateMappingTexts(request.texts, request.dir) };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
