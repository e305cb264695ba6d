import type { LoadedMappings } from './index.ts';

/**
 * Every score and daily snapshot records the scorecard's `version:`, so a scorecard whose content
 * changed under the same label makes history say two different things with one name. Not an error
 * (the change may be deliberate and urgent), a warning for whoever applies it.
 */
export function versionWarnings(current: LoadedMappings | undefined, next: LoadedMappings): string[] {
  if (!current || current.digests.scorecard === next.digests.scorecard) return [];
  const version = next.mappings.scorecard.version;
  if (current.mappings.scorecard.version !== version) return [];
  return [
    `scorecard.yaml changed but its version is still "${version}": scores and snapshots from before and ` +
      'after the change will carry the same label; give the new scorecard its own version',
  ];
}
