import type { ZodType } from 'zod';
import type { HttpRequest } from './types.ts';

/** The pieces of a request and of its response's body, for the client. Pure. */
export function headersFor(req: HttpRequest, authHeader: string | undefined): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', 'user-agent': 'health-sync' };
  if (req.body !== undefined) h['content-type'] = 'application/json';
  else if (req.form) h['content-type'] = 'application/x-www-form-urlencoded';
  if (authHeader !== undefined) h.authorization = authHeader;
  return { ...h, ...req.headers };
}

export function bodyFor(req: HttpRequest): string | undefined {
  if (req.body !== undefined) return JSON.stringify(req.body);
  if (req.form) return new URLSearchParams(req.form).toString();
  return undefined;
}

export function parseBody<T>(
  text: string,
  schema: ZodType<T>,
): { ok: true; data: T } | { ok: false; problem: string } {
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'malformed JSON' };
    }
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const at = issue?.path.length ? issue.path.map(String).join('.') : '(root)';
  return { ok: false, problem: `${at}: ${issue?.message ?? 'invalid'}` };
}
