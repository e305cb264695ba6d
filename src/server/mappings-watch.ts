import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log/logger.ts';
import type { MappingsHolder } from './mappings-holder.ts';

/**
 * Reloads the mappings when their directory changes. Any event counts, not only those naming a
 * mapping file: a Kubernetes ConfigMap swaps a `..data` symlink and never touches the file names.
 * Our own temp files (`.<file>.<tag>.tmp`) are ignored. Bursts (an editor's save, an apply) are
 * debounced into one reload, and a reload that finds nothing changed does nothing.
 */
export function watchMappings(
  holder: MappingsHolder,
  logger: Logger,
  options: { debounceMs?: number } = {},
): { close(): void } {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      holder.reload('file-watch').catch((err: unknown) => logger.error({ err }, 'mapping reload failed'));
    }, debounceMs);
  };
  try {
    watcher = watch(holder.dir, (_event, filename) => {
      if (typeof filename === 'string' && /^\..*\.tmp$/.test(filename)) return;
      schedule();
    });
    watcher.on('error', (err) =>
      logger.warn({ err }, 'watching the mapping directory failed; SIGHUP still reloads'),
    );
  } catch (err) {
    logger.warn({ err, dir: holder.dir }, 'cannot watch the mapping directory; SIGHUP still reloads');
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
