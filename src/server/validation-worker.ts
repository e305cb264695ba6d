import { parentPort } from 'node:worker_threads';
import { validateMappingTexts } from '../config/mappings/load.ts';
import type { ValidationReply, ValidationRequest } from './validator.ts';

/**
 * The worker thread behind `createWorkerValidator`: validates one set of mapping texts per message,
 * so a large or hostile file costs this thread's time, never the admin API's event loop.
 */
parentPort?.on('message', (request: ValidationRequest) => {
  let reply: ValidationReply;
  try {
    reply = { id: request.id, result: validateMappingTexts(request.texts, request.dir) };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
