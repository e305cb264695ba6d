import { genesysSource } from '../connectors/genesys/index.ts';
import { jiraSource } from '../connectors/jira/index.ts';
import { salesforceSource } from '../connectors/salesforce/index.ts';
import type { SalesforceSession } from '../connectors/salesforce/index.ts';
import { zendeskSource } from '../connectors/zendesk/index.ts';
import type { SourceDefinition } from './facts/source-definition.ts';

/**
 * The sources, in the order they are listed everywhere (environment errors, the schedule, metrics, API
 * answers). Adding a source means adding its connector folder and naming it here.
 */
export const SOURCES = [zendeskSource, jiraSource, genesysSource, salesforceSource] as const;

export type SourceName = (typeof SOURCES)[number]['name'];

/** Any source, as a run drives it (Salesforce's streams share the run's session). */
export type RegisteredSource = SourceDefinition<SourceName, unknown, SalesforceSession>;

export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((s) => s.name);

/** The sources in the order a run reads them: accounts first, since the others' facts are matched to them. */
export const READ_ORDER: readonly SourceName[] = [
  ...SOURCES.filter((s) => s.role === 'accounts'),
  ...SOURCES.filter((s) => s.role !== 'accounts'),
].map((s) => s.name);

const BY_NAME = new Map<SourceName, RegisteredSource>(SOURCES.map((s) => [s.name, s]));

export const sourceNamed = (name: SourceName): RegisteredSource => BY_NAME.get(name)!;
