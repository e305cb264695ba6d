import { MAPPING_FILES } from '../../config/mappings/index.ts';
import { type ScoringMappings, scorecardDigest, scoringDigest } from '../../config/mappings/provenance.ts';
import type { Store } from '../../store/store.ts';
import type { ScorecardStamp } from '../../config/mappings/version-warnings.ts';

/**
 * The scoring configuration (scorecard, SLA targets, ticket category and escalation rules, bug weights) the latest saved scores were
 * computed with, kept whole so the next run can tell a status the facts moved from one the
 * configuration moved: it scores the same facts under both (see `scoreStage`).
 */
const KEY = 'scoring.config';

export interface ScoringConfig {
  /** `scoringDigest`: any change to what scoring reads. */
  digest: string;
  /** The scorecard's content digest alone (the one in `<label>+<digest>`). */
  scorecardDigest: string;
  mappings: ScoringMappings;
}

export const scoringConfigOf = (mappings: ScoringMappings): ScoringConfig => ({
  digest: scoringDigest(mappings),
  scorecardDigest: scorecardDigest(mappings.scorecard),
  mappings: { scorecard: mappings.scorecard, zendesk: mappings.zendesk, jira: mappings.jira },
});

/** The stored configuration, or undefined when none is stored or it no longer parses (an upgrade). */
export async function readScoringConfig(meta: Store['meta']): Promise<ScoringConfig | undefined> {
  const text = await meta.get(KEY);
  if (text === undefined) return undefined;
  try {
    const stored = JSON.parse(text) as { mappings?: Record<string, unknown> };
    const scorecard = MAPPING_FILES.scorecard.schema.safeParse(stored.mappings?.['scorecard']);
    const zendesk = MAPPING_FILES.zendesk.schema.safeParse(stored.mappings?.['zendesk']);
    const jira = MAPPING_FILES.jira.schema.safeParse(stored.mappings?.['jira']);
    if (!scorecard.success || !zendesk.success || !jira.success) return undefined;
    return scoringConfigOf({ scorecard: scorecard.data, zendesk: zendesk.data, jira: jira.data });
  } catch {
    return undefined;
  }
}

/**
 * The scorecard the latest saved scores were computed with, as label and content digest, for the
 * "changed but its version is still …" warning (undefined before the first run that stored it).
 */
export async function lastScoredStamp(meta: Store['meta']): Promise<ScorecardStamp | undefined> {
  const config = await readScoringConfig(meta);
  return config && { label: config.mappings.scorecard.version, digest: config.scorecardDigest };
}

export async function saveScoringConfig(meta: Store['meta'], config: ScoringConfig): Promise<void> {
  await meta.set(KEY, JSON.stringify(config));
}
