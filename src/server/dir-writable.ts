import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether this process can create files in `dir`, found by creating one (permission bits say nothing
 * of read-only mounts, ACLs or a root that may write anywhere). Undefined when it can, else the error
 * code (EACCES, EROFS, ENOENT, ...). The probe is named like the holder's temp files, which the
 * directory watcher ignores.
 */
export async function unwritableReason(dir: string): Promise<string | undefined> {
  const probe = join(dir, `.write-probe.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'error';
  }
}
