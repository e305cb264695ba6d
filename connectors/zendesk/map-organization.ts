import type { FactRef, OrganizationFact } from '../../src/facts/schemas.ts';
import type { ZendeskOrganization } from './schemas.ts';

/** Raw Zendesk organization → OrganizationFact (or a delete when Zendesk reports it deleted). Pure. */
export function mapOrganization(
  raw: ZendeskOrganization,
): { upsert: OrganizationFact } | { delete: FactRef } {
  const id = String(raw.id);
  if (raw.deleted_at) return { delete: { kind: 'organization', id } };
  const domains = [
    ...new Set(
      (raw.domain_names ?? []).map((d) => d.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean),
    ),
  ];
  const externalId = raw.external_id == null ? '' : String(raw.external_id).trim();
  return {
    upsert: {
      kind: 'organization',
      id,
      name: raw.name ?? null,
      externalId: externalId === '' ? null : externalId,
      domains,
      updatedAt: Date.parse(raw.updated_at),
    },
  };
}
