import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ZodObject } from 'zod';
import {
  ZendeskMetricSet,
  ZendeskOrganization,
  ZendeskOrganizationsPage,
  ZendeskTicket,
  ZendeskTicketCount,
  ZendeskTicketsPage,
  ZendeskUser,
} from '../../../connectors/zendesk/schemas.ts';

/** Zendesk's published Support API OAS (not in the repo: see ../shared/specs/README.md). */
const SPEC = fileURLToPath(new URL('../../../../shared/specs/zendesk-support.oas.yaml', import.meta.url));

type Schema = { properties?: Record<string, Schema>; $ref?: string; allOf?: Schema[] };
interface Oas {
  paths: Record<
    string,
    Record<string, { parameters?: { $ref?: string; name?: string }[] }> & { parameters?: { $ref: string }[] }
  >;
  components: {
    schemas: Record<string, Schema>;
    examples: Record<string, { value: unknown }>;
    parameters: Record<string, { name: string }>;
  };
}

describe("the Zendesk connector's raw schemas against Zendesk's OAS", () => {
  if (!existsSync(SPEC)) {
    it('is not checked: the vendor specs folder is absent', () => {
      console.log(`skipped: ${SPEC} not found (the specs live outside the repo, in ../shared/specs)`);
    });
    return;
  }
  const oas = parse(readFileSync(SPEC, 'utf8'), { maxAliasCount: -1 }) as Oas;
  const props = (name: string): string[] => Object.keys(oas.components.schemas[name]?.properties ?? {});
  const keys = (s: ZodObject) => Object.keys(s.shape);

  it('accepts the documented example responses', () => {
    const ex = oas.components.examples;
    expect(
      ZendeskTicketsPage.safeParse(ex.CursorBasedExportIncrementalTicketsResponseExample!.value).success,
    ).toBe(true);
    expect(
      ZendeskOrganizationsPage.safeParse(ex.ExportIncrementalOrganizationsResponseExample!.value).success,
    ).toBe(true);
  });

  it('reads only fields the spec documents (deviations named)', () => {
    // Tolerated: the side-loads (metric_sets, users: see Sideloading) and deleted_at on deleted
    // organizations are real but absent from the response schemas.
    expect(keys(ZendeskTicket).filter((k) => !props('TicketObject').includes(k))).toEqual([]);
    expect(keys(ZendeskMetricSet).filter((k) => !props('TicketMetricObject').includes(k))).toEqual([]);
    // UserObject is anyOf(UserForAdmin, UserForEndUser).
    const user = [...props('UserForAdmin'), ...props('UserForEndUser')];
    expect(keys(ZendeskUser).filter((k) => !user.includes(k))).toEqual([]);
    expect(keys(ZendeskOrganization).filter((k) => !props('OrganizationObject').includes(k))).toEqual([
      'deleted_at',
    ]);
    expect(
      keys(ZendeskTicketsPage).filter(
        (k) => !props('CursorBasedExportIncrementalTicketsResponse').includes(k),
      ),
    ).toEqual(['metric_sets', 'users']);
    expect(
      keys(ZendeskOrganizationsPage).filter(
        (k) => !props('ExportIncrementalOrganizationsResponse').includes(k),
      ),
    ).toEqual([]);
  });

  it('the query parameters we send exist on the export endpoints', () => {
    const params = (path: string): string[] =>
      (oas.paths[path]?.parameters ?? []).map(
        (p) => oas.components.parameters[p.$ref.split('/').pop()!]!.name,
      );
    // Known spec quirk: start_time is marked required even for follow-up requests that send only `cursor`.
    expect(params('/api/v2/incremental/tickets/cursor')).toEqual(
      expect.arrayContaining(['start_time', 'cursor']),
    );
    expect(params('/api/v2/incremental/organizations')).toContain('start_time');
  });

  it('the count response matches', () => {
    expect(
      ZendeskTicketCount.safeParse({ count: { value: 102, refreshed_at: '2020-04-06T02:18:17Z' } }).success,
    ).toBe(true);
    const countSchema = oas.paths['/api/v2/tickets/count']!.get as unknown as {
      responses: Record<string, { content: Record<string, { schema: Schema }> }>;
    };
    expect(
      Object.keys(
        countSchema.responses['200']!.content['application/json']!.schema.properties!.count!.properties!,
      ),
    ).toEqual(expect.arrayContaining(['value', 'refreshed_at']));
  });
});
