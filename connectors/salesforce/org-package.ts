import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseOrgMetadata, type OrgFile, type OrgMetadata } from './org-metadata.ts';

/** The Salesforce DX project an admin deploys (`sf project deploy start --source-dir …/force-app`). */
export const ORG_PROJECT_DIR = join(import.meta.dirname, 'org');
const SOURCE_DIR = join('force-app', 'main', 'default');

/** Every `*-meta.xml` file of the package, with its path under `force-app/main/default/`. */
export function readOrgFiles(projectDir = ORG_PROJECT_DIR): OrgFile[] {
  const root = join(projectDir, SOURCE_DIR);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('-meta.xml'))
    .sort()
    .map((p) => ({
      path: relative(root, join(root, p)).split(sep).join('/'),
      text: readFileSync(join(root, p), 'utf8'),
    }));
}

/** The package as health-sync sees it (fields, objects, permission sets, report types). */
export function loadOrgMetadata(projectDir = ORG_PROJECT_DIR): OrgMetadata {
  return parseOrgMetadata(readOrgFiles(projectDir));
}
