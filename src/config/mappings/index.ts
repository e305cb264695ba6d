import type { z } from 'zod';
import { AccountsMapping } from './accounts.ts';
import { GenesysMapping } from './genesys.ts';
import { JiraMapping } from './jira.ts';
import { SalesforceMapping } from './salesforce.ts';
import { ScheduleMapping } from './schedule.ts';
import { ScorecardMapping } from './scorecard.ts';
import { ZendeskMapping } from './zendesk.ts';

export {
  AccountsMapping,
  GenesysMapping,
  JiraMapping,
  SalesforceMapping,
  ScheduleMapping,
  ScorecardMapping,
  ZendeskMapping,
};

/** The mapping files and the schema of each. Every file is required. */
export const MAPPING_FILES = {
  accounts: { file: 'accounts.yaml', schema: AccountsMapping },
  zendesk: { file: 'zendesk.yaml', schema: ZendeskMapping },
  jira: { file: 'jira.yaml', schema: JiraMapping },
  genesys: { file: 'genesys.yaml', schema: GenesysMapping },
  scorecard: { file: 'scorecard.yaml', schema: ScorecardMapping },
  salesforce: { file: 'salesforce.yaml', schema: SalesforceMapping },
} as const;

export type MappingName = keyof typeof MAPPING_FILES;

/** Files that may be absent: their defaults apply. They are not part of `digest` (cursors do not depend on them). */
export const OPTIONAL_MAPPING_FILES = {
  schedule: { file: 'schedule.yaml', schema: ScheduleMapping },
} as const;
export type OptionalMappingName = keyof typeof OPTIONAL_MAPPING_FILES;
export type Mappings = { [K in MappingName]: z.infer<(typeof MAPPING_FILES)[K]['schema']> };

/** A loaded, validated configuration, with a digest per file (cursor fingerprints and audit use them). */
export interface LoadedMappings {
  dir: string;
  mappings: Mappings;
  digests: Record<MappingName, string>;
  /** Digest of the whole set. */
  digest: string;
  /** schedule.yaml, or its defaults. Always set by the loader; optional so hand-built fixtures may omit it. */
  schedule?: ScheduleMapping;
  /** The scorecard's content digest (`provenance.ts`). Set by the loader; computed when absent. */
  scorecardDigest?: string;
}
