import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

/** Owner read/write only: the store holds hashed emails and phone numbers, and may hold the key to them. */
export const STORE_FILE_MODE = 0o600;

/**
 * Makes sure the database file exists with mode 0600 before SQLite opens it. SQLite creates its WAL and
 * shared-memory files with the mode of the database file, so they follow. A file left readable by group
 * or others by an older version (and its WAL, if one outlived it) is tightened.
 */
export function prepareStoreFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', STORE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file)) continue;
    if ((statSync(file).mode & 0o077) === 0) continue;
    try {
      chmodSync(file, STORE_FILE_MODE);
    } catch {
      // Owned by another user (a shared volume): not ours to change, and no reason to refuse to start.
    }
  }
}
