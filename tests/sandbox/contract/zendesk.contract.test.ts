/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sandbox/common/clock.ts';
import { createZendeskSim } from '../../../src/sandbox/zendesk/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';
import { HAVE_SPECS, errorsOf, loadSpec, nullable, schemasOf, validatorFor } from '../spec-validator.ts';

/**
 * Zendesk's official Support API OAS 3.0 (../shared/specs/zendesk-support.oas.yaml) as the oracle
 * for every response shape health-sync reads. Tolerated deviations, each one what real Zendesk
 * records do and the spec does not say:
 * - ticket fields that are null on real records (organization_id without an organization,
 *   assignee_id on new tickets, priority and type when unset, external_id, recipient,
 *   forum_topic_id, problem_id, due_at);
 * - status "deleted" on deleted tickets in the export (the spec's enum lacks it);
 * - custom field values that are null, booleans (checkboxes) or decimals, not only strings;
 * - metric times that are null until they happen (solved_at, assigned_at..., and the
 *   calendar/business minutes of a ticket not yet replied to or solved);
 * - organization fields null when unset (details, notes, group_id, external_id);
 * - default_group_id null on end users (the side-loaded users are validated as UserObject, whose
 *   UserForAdmin branch fits them but for this one field).
 */
const FILE = 'zendesk-support.oas.yaml';
const REF = '#/components/schemas/' as const;

function tolerant(): Record<string, Record<string, any>> {
  const s = schemasOf(FILE) as Record<string, Record<string, any>>;
  const relax = (schema: string, fields: string[]): void => {
    for (const f of fields) s[schema]!['properties'][f] = nullable(s[schema]!['properties'][f]);
  };
  relax('TicketObject', [
    'organization_id',
    'assignee_id',
    'priority',
    'type',
    'external_id',
    'recipient',
    'forum_topic_id',
    'problem_id',
  ]);
  s['TicketObject']!['properties']['status']['enum'].push('deleted');
  s['TicketObject']!['properties']['custom_fields']['items']['properties']['value'] = {};
  relax('TicketMetricObject', [
    'solved_at',
    'assigned_at',
    'initially_assigned_at',
    'assignee_updated_at',
    'latest_comment_added_at',
  ]);
  s['TicketMetricTimeObject']!['properties']['calendar'] = nullable(
    s['TicketMetricTimeObject']!['properties']['calendar'],
  );
  s['TicketMetricTimeObject']!['properties']['business'] = nullable(
    s['TicketMetricTimeObject']!['properties']['business'],
  );
  relax('OrganizationObject', ['details', 'notes', 'group_id', 'external_id']);
  relax('UserForAdmin', ['default_group_id']);
  return s;
}

describe.skipIf(!HAVE_SPECS)('Zendesk simulator responses against the Zendesk Support OAS', () => {
  const ds = smallDataset();
  const clock = createClock(NOW + DAY);
  const sim = createZendeskSim({ dataset: ds, clock, rateLimits: 'off' });
  const auth = { authorization: basic(`${sim.credentials.email}/token`, sim.credentials.apiToken) };
  let url = '';
  let schemas: Record<string, Record<string, any>> = {};
  beforeAll(async () => {
    url = await serve(sim.app);
    schemas = tolerant();
    ds.mutate({ share: 0.02, seed: 1, at: NOW + DAY / 2 });
  });

  it('GET /api/v2/incremental/tickets/cursor: every page, with metric_sets and users side-loaded', async () => {
    const page = validatorFor(schemas, 'CursorBasedExportIncrementalTicketsResponse', REF);
    const metric = validatorFor(schemas, 'TicketMetricObject', REF);
    const user = validatorFor(schemas, 'UserObject', REF);
    let next = `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets,users`;
    let statuses = new Set<string>();
    for (;;) {
      const { body } = await getJson(next, auth);
      expect(page(body), errorsOf(page)).toBe(true);
      for (const m of body.metric_sets) expect(metric(m), errorsOf(metric)).toBe(true);
      for (const u of body.users) expect(user(u), errorsOf(user)).toBe(true);
      statuses = new Set([...statuses, ...body.tickets.map((t: any) => t.status)]);
      if (body.end_of_stream) break;
      next = body.after_url;
    }
    expect(statuses.has('deleted')).toBe(true);
    // The validator is not a rubber stamp.
    const { body } = await getJson(
      `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1`,
      auth,
    );
    body.tickets[0].status = 'bogus';
    body.tickets[0].generated_timestamp = 'yesterday';
    expect(page(body)).toBe(false);
  });

  it('GET /api/v2/incremental/organizations', async () => {
    const v = validatorFor(schemas, 'ExportIncrementalOrganizationsResponse', REF);
    const { body } = await getJson(`${url}/api/v2/incremental/organizations.json?start_time=0`, auth);
    expect(body.organizations.length).toBeGreaterThan(10);
    expect(v(body), errorsOf(v)).toBe(true);
  });

  it('GET /api/v2/tickets/count', async () => {
    const schema = (loadSpec(FILE) as any).paths['/api/v2/tickets/count'].get.responses['200'].content[
      'application/json'
    ].schema;
    const v = validatorFor({ Count: schema }, 'Count', REF);
    const { body } = await getJson(`${url}/api/v2/tickets/count.json`, auth);
    expect(v(body), errorsOf(v)).toBe(true);
  });

  it('POST /oauth/tokens (client credentials)', async () => {
    const v = validatorFor(schemas, 'OAuthTokenForGrantTypesObject', REF);
    const { status, body } = await postJson(`${url}/oauth/tokens`, {
      grant_type: 'client_credentials',
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
    });
    expect(status).toBe(201);
    expect(v(body), errorsOf(v)).toBe(true);
  });
});
