import { digestOf } from './digest.ts';
import type { Mappings } from './index.ts';
import type { ScorecardMapping } from './scorecard.ts';

/**
 * The digest of a scorecard's content: its parsed value without the `version:` label, so comments,
 * formatting and key order do not change it, and a label bump alone does not either.
 */
export const scorecardDigest = (scorecard: ScorecardMapping): string =>
  digestOf({ ...scorecard, version: undefined }).slice(0, 6);

/**
 * The version every score carries and Salesforce receives: `<label>+<content digest>`, so a
 * scorecard edited without a new label still says which content computed the score.
 */
export const provenanceVersion = (scorecard: ScorecardMapping): string =>
  `${scorecard.version}+${scorecardDigest(scorecard)}`;

/** A stored version split into its label and digest (scores from before provenance have no digest). */
export function splitVersion(version: string): { label: string; digest: string | undefined } {
  const at = version.lastIndexOf('+');
  return at < 0 ? { label: version, digest: undefined } : { label: version.slice(0, at), digest: version.slice(at + 1) };
}

/** What scoring reads of the mappings: a change here can move a status without any fact moving. */
export type ScoringMappings = Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'>;

/** The digest of the scoring part of the mappings (scorecard, SLA targets, ticket category and escalation rules, bug weights). */
export const scoringDigest = (m: ScoringMappings): string =>
  digestOf({ scorecard: m.scorecard, zendesk: m.zendesk, jira: m.jira });
