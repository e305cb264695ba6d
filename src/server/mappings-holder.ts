import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadedMappings } from '../config/mappings/index.ts';
import { readMappingTexts, type MappingTexts, type MappingValidation } from '../config/mappings/load.ts';
import { versionWarnings } from '../config/mappings/version-warnings.ts';
import { formatProblem, type ConfigProblem } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { unwritableReason } from './dir-writable.ts';
import { nameOfFile, overlay, setDigest, textHash, type FileTexts } from './mapping-files.ts';
import type { ValidateFn } from './validator.ts';

export interface ReloadStatus {
  at: number;
  origin: string;
  ok: boolean;
  /** The set digest in force after this reload. */
  digest: string | undefined;
  problems: ConfigProblem[];
}

export type ReloadResult =
  | { ok: true; changed: boolean; before: string | undefined; after: string; warnings: string[] }
  | { ok: false; problems: ConfigProblem[]; before: string | undefined };

export type ApplyResult =
  | { ok: true; before: string | undefined; after: string; loaded: LoadedMappings }
  | { ok: false; reason: 'stale'; files: string[] }
  | { ok: false; reason: 'invalid'; problems: ConfigProblem[] }
  | { ok: false; reason: 'not-writable'; code: string }
  | { ok: false; reason: 'cancelled' };

/**
 * The configuration in force, and the only way it changes: a reload of the directory (file edit,
 * SIGHUP) or an approved proposal. Both validate first; on failure the last good configuration stays.
 * Changes are serialized, so a reload never sees half of an apply.
 */
export interface MappingsHolder {
  readonly dir: string;
  current(): LoadedMappings | undefined;
  lastReload(): ReloadStatus | undefined;
  /** The directory's texts now. */
  texts(): Promise<MappingTexts>;
  /** Validates the directory with `files` in place, without writing anything. */
  check(files: FileTexts): Promise<MappingValidation & { texts: MappingTexts }>;
  reload(origin: string): Promise<ReloadResult>;
  /**
   * Writes the files (each to a temp file in the directory, then renamed over the old one) after
   * checking that none changed since `expected` hashes and that the whole set validates; then loads it.
   * `claim` runs just before the first write: resolving to false cancels the apply.
   */
  apply(
    files: FileTexts,
    expected: Record<string, string | null>,
    claim?: () => Promise<boolean>,
  ): Promise<ApplyResult>;
  onChange(listener: (next: LoadedMappings, previous: LoadedMappings | undefined) => void): void;
}

export interface HolderDeps {
  dir: string;
  logger: Logger;
  /** The serve path validates in a worker thread (createWorkerValidator), off the event loop. */
  validate: ValidateFn;
  now?: () => number;
  onReload?: (result: ReloadResult, origin: string) => void | Promise<void>;
}

export function createMappingsHolder(deps: HolderDeps, initial?: LoadedMappings): MappingsHolder {
  const dir = resolve(deps.dir);
  const now = deps.now ?? Date.now;
  let current = initial;
  let last: ReloadStatus | undefined;
  const listeners: ((next: LoadedMappings, previous: LoadedMappings | undefined) => void)[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Puts `loaded` in force; returns its warnings against the configuration it replaces. */
  const install = (loaded: LoadedMappings): string[] => {
    const previous = current;
    current = loaded;
    const warnings = versionWarnings(previous, loaded);
    if (warnings.length) deps.logger.warn({ warnings, dir }, warnings.join('; '));
    for (const l of listeners) {
      try {
        l(loaded, previous);
      } catch (err) {
        deps.logger.error({ err }, 'mapping change listener failed');
      }
    }
    return warnings;
  };

  const doReload = async (origin: string): Promise<ReloadResult> => {
    const before = current && setDigest(current);
    const texts = await readMappingTexts(dir).catch((err: unknown) => {
      // An unreadable directory (permissions, a volume gone) is a failed reload, not a crash.
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      return { problems: [{ file: dir, path: [], message: `cannot be read (${code})` }] };
    });
    const result: MappingValidation =
      'problems' in texts ? { ok: false, problems: texts.problems } : await deps.validate(texts, dir);
    let out: ReloadResult;
    if (!result.ok) {
      deps.logger.warn(
        { origin, problems: result.problems.length, dir },
        `mappings not reloaded, the last good configuration stays in force:\n${result.problems.map(formatProblem).join('\n')}`,
      );
      out = { ok: false, problems: result.problems, before };
    } else {
      const after = setDigest(result.loaded);
      const changed = after !== before;
      const warnings = changed ? install(result.loaded) : [];
      if (changed) deps.logger.info({ origin, before, after }, 'mappings reloaded');
      out = { ok: true, changed, before, after, warnings };
    }
    last = {
      at: now(),
      origin,
      ok: out.ok,
      digest: current && setDigest(current),
      problems: out.ok ? [] : out.problems,
    };
    await deps.onReload?.(out, origin);
    return out;
  };

  const doApply = async (
    files: FileTexts,
    expected: Record<string, string | null>,
    claim: () => Promise<boolean>,
  ): Promise<ApplyResult> => {
    const onDisk = await readMappingTexts(dir);
    const stale = Object.keys(files).filter((file) => {
      const name = nameOfFile(file);
      return name !== undefined && textHash(onDisk[name]) !== (expected[file] ?? null);
    });
    if (stale.length) return { ok: false, reason: 'stale', files: stale };
    const result = await deps.validate(overlay(onDisk, files), dir);
    if (!result.ok) return { ok: false, reason: 'invalid', problems: result.problems };
    // Before the proposal is claimed: a directory we cannot write leaves it pending, to approve again
    // once MAPPINGS_DIR is fixed.
    const code = await unwritableReason(dir);
    if (code) return { ok: false, reason: 'not-writable', code };
    if (!(await claim())) return { ok: false, reason: 'cancelled' };
    await writeAtomically(dir, files, onDisk);
    const before = current && setDigest(current);
    install(result.loaded);
    const after = setDigest(result.loaded);
    last = { at: now(), origin: 'proposal', ok: true, digest: after, problems: [] };
    deps.logger.info({ before, after, files: Object.keys(files) }, 'mappings applied');
    return { ok: true, before, after, loaded: result.loaded };
  };

  return {
    dir,
    current: () => current,
    lastReload: () => last,
    texts: () => readMappingTexts(dir),
    check: async (files) => {
      const texts = overlay(await readMappingTexts(dir), files);
      return { ...(await deps.validate(texts, dir)), texts };
    },
    reload: (origin) => serial(() => doReload(origin)),
    apply: (files, expected, claim = () => Promise.resolve(true)) =>
      serial(() => doApply(files, expected, claim)),
    onChange: (l) => {
      listeners.push(l);
    },
  };
}

/**
 * Each file goes to a temp file in the same directory (same file system, so rename is atomic), is
 * flushed, then renamed over the old one. If a rename fails, the files already replaced get their
 * old text back, so the directory is never left with half a change that we know of.
 */
async function writeAtomically(dir: string, files: FileTexts, onDisk: MappingTexts): Promise<void> {
  const entries = Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps: [string, string][] = [];
  try {
    for (const [file, content] of entries) {
      const tmp = join(dir, `.${file}.${tag}.tmp`);
      const handle = await open(tmp, 'w', 0o644);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      temps.push([tmp, file]);
    }
  } catch (err) {
    await Promise.all(temps.map(([tmp]) => rm(tmp, { force: true })));
    throw err;
  }
  const done: string[] = [];
  try {
    for (const [tmp, file] of temps) {
      await rename(tmp, join(dir, file));
      done.push(file);
    }
  } catch (err) {
    await Promise.all(temps.map(([tmp]) => rm(tmp, { force: true })));
    for (const file of done) {
      const name = nameOfFile(file);
      const previous = name === undefined ? undefined : onDisk[name];
      if (previous === undefined) await rm(join(dir, file), { force: true });
      else await writeAtomically(dir, { [file]: previous }, {});
    }
    throw err;
  }
}
