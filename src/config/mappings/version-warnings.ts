import type { LoadedMappings } from './index.ts';
import { scorecardDigest, splitVersion } from './provenance.ts';

/** The scorecard a change is compared with: its label and content digest (see `provenance.ts`). */
export interface ScorecardStamp {
  label: string;
  digest: string;
}

/** The stamp of a loaded scorecard, or of a stored `<label>+<digest>` version (undefined without a digest). */
export function stampOf(from: LoadedMappings | string): ScorecardStamp | undefined {
  if (typeof from !== 'string')
    return {
      label: from.mappings.scorecard.version,
      digest: from.scorecardDigest ?? scorecardDigest(from.mappings.scorecard),
    };
  const { label, digest } = splitVersion(from);
  return digest === undefined ? undefined : { label, digest };
}

/**
 * Every score and daily snapshot records the scorecard's `version:`, so a scorecard whose content
 * changed under the same label makes history say two different things with one name. Not an error
 * (the change may be deliberate and urgent), a warning for whoever applies it. `current` is the
 * scorecard in force, or the one the latest scores were computed with.
 */
export function versionWarnings(
  current: LoadedMappings | ScorecardStamp | undefined,
  next: LoadedMappings,
): string[] {
  const before = current && 'mappings' in current ? stampOf(current) : current;
  const after = stampOf(next)!;
  if (!before || before.digest === after.digest || before.label !== after.label) return [];
  return [
    `scorecard.yaml changed but its version is still "${after.label}": scores and snapshots from before and ` +
      'after the change will carry the same label; give the new scorecard its own version',
  ];
}
