import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MAPPING_FILES, OPTIONAL_MAPPING_FILES } from '../config/mappings/index.ts';
import type { Logger } from '../log/logger.ts';

const FILES: string[] = [...Object.values(MAPPING_FILES), ...Object.values(OPTIONAL_MAPPING_FILES)].map(
  (m) => m.file,
);

/**
 * First start of a container: when `target` holds no mapping file (absent or empty, e.g. a fresh
 * volume), copies the mapping files (and README.md) of `source` into it, so the service starts on the
 * shipped defaults in a directory it may write (approved proposals are written there). A directory
 * that holds any mapping file is never touched: it is the operator's.
 */
export async function seedMappings(target: string, source: string, logger: Logger): Promise<boolean> {
  const present = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (present.some((f) => FILES.includes(f))) return false;
  await mkdir(target, { recursive: true });
  const shipped = await readdir(source);
  const copied: string[] = [];
  for (const file of [...FILES, 'README.md'].filter((f) => shipped.includes(f))) {
    await copyFile(join(source, file), join(target, file));
    copied.push(file);
  }
  logger.info(
    { from: resolve(source), to: resolve(target), files: copied },
    `mapping directory ${resolve(target)} was empty: seeded it with the defaults of ${resolve(source)}`,
  );
  return true;
}
