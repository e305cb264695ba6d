import {
  loadOrgMetadata,
  type OrgMetadata,
  type OrgObject,
} from '../../../../connectors/salesforce/index.ts';
import { ConfigError } from '../../../errors.ts';

let loaded: OrgMetadata | undefined;

/**
 * The package in connectors/salesforce/org, read and checked once per process: every simulator of a
 * test run shares it, so starting a sandbox costs no file reads after the first.
 */
export const packageMetadata = (): OrgMetadata => (loaded ??= loadOrgMetadata());

/** A custom object of the package; the sandbox cannot start without it. */
export function packageObject(metadata: OrgMetadata, name: string): OrgObject {
  const o = metadata.objects.find((x) => x.name === name);
  if (!o?.custom)
    throw new ConfigError(
      [{ file: `objects/${name}/${name}.object-meta.xml`, path: [], message: 'missing' }],
      `The Salesforce package (connectors/salesforce/org) defines no custom object ${name}`,
    );
  return o;
}
