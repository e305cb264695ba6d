import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ConfigProblem } from '../errors.ts';
import type { TenantEntry, ValueRef } from './tenants-file.ts';

/**
 * Resolves a tenant's `env:` block to the values its connectors read: a plain value as written, a
 * `from_env` reference from the process environment, a `file` reference from the file (one trailing
 * newline dropped, as `echo` and secret mounts leave one). A missing reference is a problem that
 * names the variable or file, never a value.
 */
export async function resolveTenantVariables(
  entry: TenantEntry,
  at: { file: string; index: number; baseDir: string },
  processEnv: Record<string, string | undefined>,
): Promise<{ values: Record<string, string>; problems: ConfigProblem[] }> {
  const values: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  const problem = (name: string, message: string): void => {
    problems.push({ file: at.file, path: [at.index, 'env', name], message });
  };
  for (const [name, value] of Object.entries(entry.env)) {
    if (typeof value === 'string') {
      values[name] = value;
      continue;
    }
    const resolved = await dereference(value, at.baseDir, processEnv);
    if (resolved.ok) values[name] = resolved.value;
    else problem(name, resolved.reason);
  }
  return { values, problems };
}

async function dereference(
  ref: ValueRef,
  baseDir: string,
  processEnv: Record<string, string | undefined>,
): Promise<{ ok: true; value: string } | { ok: false; reason: string }> {
  if ('from_env' in ref) {
    const value = processEnv[ref.from_env];
    return value === undefined || value.trim() === ''
      ? { ok: false, reason: `the environment variable ${ref.from_env} is not set` }
      : { ok: true, value };
  }
  const path = isAbsolute(ref.file) ? ref.file : resolve(baseDir, ref.file);
  try {
    const text = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
    return text.trim() === ''
      ? { ok: false, reason: `the file ${ref.file} is empty` }
      : { ok: true, value: text };
  } catch (err) {
    return {
      ok: false,
      reason: `the file ${ref.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
}
