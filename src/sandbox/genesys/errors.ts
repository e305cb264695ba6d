import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** Genesys Cloud's error body (ErrorBody in the public API swagger). */
export function genesysError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ message, code, status, contextId: randomUUID(), details: [], errors: [] });
}
