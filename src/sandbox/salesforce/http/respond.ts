import type { Response } from 'express';

/** What a handler answers; the express layer (or a composite request) turns it into HTTP. */
export interface SfResponse {
  status: number;
  json?: unknown;
  csv?: string;
  headers?: Record<string, string>;
}

export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** Salesforce's REST error body: always an array of `{message, errorCode}` (plus `fields` on record errors). */
export function sfError(status: number, errorCode: string, message: string, fields?: string[]): SfResponse {
  const body: SfErrorBody = { message, errorCode };
  if (fields) body.fields = fields;
  return { status, json: [body] };
}

export const notFound = (): SfResponse => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const sessionInvalid = (): SfResponse =>
  sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export function send(res: Response, r: SfResponse): void {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  res.status(r.status);
  // res.end rather than res.send: express would rewrite the Content-Type to its own spelling.
  const body = r.csv ?? (r.json === undefined ? undefined : JSON.stringify(r.json));
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', r.csv === undefined ? 'application/json;charset=UTF-8' : 'text/csv');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
