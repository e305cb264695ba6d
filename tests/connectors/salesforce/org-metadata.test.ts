import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DESCRIBE_TYPE,
  expectedDescribe,
  findOrgField,
  loadOrgMetadata,
  parseOrgMetadata,
  readOrgFiles,
  type OrgField,
} from '../../../connectors/salesforce/index.ts';
import { STATUS_VALUES, expectedTypes } from '../../../connectors/salesforce/validate-targets.ts';
import { ConfigError } from '../../../src/errors.ts';
import { accountDef } from '../../../src/sandbox/salesforce/schema/account.ts';
import { findField } from '../../../src/sandbox/salesforce/schema/fields.ts';
import { healthSnapshotDef } from '../../../src/sandbox/salesforce/schema/health-snapshot.ts';
import { shippedAccountsMapping, shippedSalesforceMapping } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const metadata = loadOrgMetadata();
const field = (object: string, name: string): OrgField | undefined => findOrgField(metadata, object, name);
const snapshot = metadata.objects.find((o) => o.name === 'Health_Snapshot__c')!;

/** The override fields salesforce.yaml documents (its `overrides:` block, commented out by default). */
function documentedOverrides(): Record<'status' | 'reason' | 'until', string> {
  const text = readFileSync(join(root, 'mappings', 'salesforce.yaml'), 'utf8');
  const name = (key: string): string => new RegExp(`^#\\s+${key}:\\s+(\\w+)`, 'm').exec(text)![1]!;
  return { status: name('status'), reason: name('reason'), until: name('until') };
}

/** Integer digits a Number/Percent field holds: precision − scale. */
const integerDigits = (f: OrgField): number => (f.precision ?? 0) - (f.scale ?? 0);

describe('the Salesforce package (connectors/salesforce/org)', () => {
  it('parses: every file is a well-formed instance of its Metadata API type', () => {
    expect(readOrgFiles().length).toBeGreaterThanOrEqual(24);
    expect(metadata.objects.map((o) => o.name).sort()).toEqual(['Account', 'Health_Snapshot__c']);
    expect(metadata.permissionSets.map((s) => s.name).sort()).toEqual([
      'Health_Sync_CSM',
      'Health_Sync_Integration',
    ]);
    expect(metadata.reportTypes.map((r) => r.name)).toEqual(['Accounts_with_Health_Snapshots']);
    const project = JSON.parse(
      readFileSync(join(root, 'connectors/salesforce/org/sfdx-project.json'), 'utf8'),
    );
    expect(project.packageDirectories).toEqual([{ path: 'force-app', default: true }]);
  });

  it('keeps every API name within 40 characters and gives every field a label, description and help text', () => {
    for (const o of metadata.objects) {
      expect(o.name.length).toBeLessThanOrEqual(40);
      for (const f of o.fields) {
        expect(f.name.length, f.name).toBeLessThanOrEqual(40);
        expect(f.description, f.name).toMatch(/\S{3}/);
        expect(f.inlineHelpText, f.name).toMatch(/\S{3}/);
      }
    }
    for (const s of metadata.permissionSets) expect(s.name.length).toBeLessThanOrEqual(40);
  });

  it('defines every write target of the default salesforce.yaml with a type that holds what health-sync writes', () => {
    const mapping = shippedSalesforceMapping();
    expect(mapping.fields.length).toBeGreaterThan(0);
    for (const { target, value } of mapping.fields) {
      const f = field(mapping.object, target);
      expect(f, `${target} is in the package`).toBeDefined();
      expect(expectedTypes(value), `${target} (${value})`).toContain(DESCRIBE_TYPE[f!.type]);
      if (['score', 'trend_7d', 'trend_30d'].includes(value) || value.startsWith('metric:')) {
        // Scores 0..100, trends −100..100, percent metrics 0..100: three integer digits.
        expect(integerDigits(f!), target).toBeGreaterThanOrEqual(3);
        expect(f!.scale, target).toBeGreaterThanOrEqual(1);
      }
      if (value === 'status') expect(f!.picklistValues).toEqual([...STATUS_VALUES]);
      if (value === 'status') expect(f!.restrictedPicklist).toBe(true);
      // <version (≤ 33 characters, the scorecard schema)>+<6-hex digest>.
      if (value === 'scorecard_version') expect(f!.length).toBeGreaterThanOrEqual(33 + 1 + 6);
      // Drivers are cut to the field's length; a few lines need room.
      if (value === 'drivers') expect(f!.length).toBeGreaterThanOrEqual(255);
    }
  });

  it('defines the override fields salesforce.yaml documents, with the types the override reads', () => {
    const o = documentedOverrides();
    expect(field('Account', o.status)?.type).toBe('Picklist');
    expect(field('Account', o.status)?.picklistValues).toEqual(['green', 'yellow', 'red']);
    expect(field('Account', o.reason)?.type).toBe('Text');
    expect(field('Account', o.until)?.type).toBe('Date');
  });

  it('defines the Account fields the default accounts.yaml reads that are custom (Tier__c, Renewal_Date__c)', () => {
    const a = shippedAccountsMapping().salesforce;
    const custom = [...Object.values(a.fields), ...Object.values(a.extra)].filter(
      (n): n is string => n !== null && n.endsWith('__c'),
    );
    expect(custom.sort()).toEqual(['Renewal_Date__c', 'Tier__c']);
    for (const name of custom) expect(field('Account', name), name).toBeDefined();
  });

  it('defines Health_Snapshot__c with exactly the fields the snapshot writer uses', () => {
    expect(snapshot.sharingModel).toBe('ControlledByParent');
    expect(snapshot.nameField).toEqual({
      label: 'Health Snapshot Name',
      type: 'AutoNumber',
      displayFormat: 'HS-{000000}',
    });
    const shape = Object.fromEntries(
      snapshot.fields.map((f) => [f.name, [f.type, f.length ?? f.precision, f.scale]]),
    );
    expect(shape).toEqual({
      Account__c: ['MasterDetail', null, null],
      Week__c: ['Text', 8, null],
      Week_Start__c: ['Date', null, null],
      Score__c: ['Number', 5, 1],
      Status__c: ['Picklist', null, null],
      Scorecard_Version__c: ['Text', 80, null],
      Rebuilt__c: ['Checkbox', null, null],
      Snapshot_Key__c: ['Text', 40, null],
    });
    const master = field('Health_Snapshot__c', 'Account__c')!;
    expect([master.referenceTo, master.relationshipName, master.required]).toEqual([
      'Account',
      'Health_Snapshots',
      true,
    ]);
    const key = field('Health_Snapshot__c', 'Snapshot_Key__c')!;
    expect([key.externalId, key.unique, key.caseSensitive]).toEqual([true, true, true]);
    // `<18-character Account Id>-<YYYY-Www>` fits, and `2026-W49` fits Week__c.
    expect(`001000000000001AAA-2026-W49`.length).toBeLessThanOrEqual(key.length!);
    expect(field('Health_Snapshot__c', 'Status__c')!.picklistValues).toEqual([...STATUS_VALUES]);
    expect(field('Health_Snapshot__c', 'Rebuilt__c')!.defaultValue).toBe('false');
  });

  it('names in its permission sets only fields and objects that exist (in the package or as standard Account fields)', () => {
    const standard = accountDef();
    for (const set of metadata.permissionSets) {
      for (const p of set.fields) {
        const exists =
          field(p.object, p.field) !== undefined ||
          (p.object === 'Account' && findField(standard, p.field) !== undefined && !p.field.endsWith('__c'));
        expect(exists, `${set.name}: ${p.object}.${p.field}`).toBe(true);
      }
      for (const p of set.objects)
        expect(
          metadata.objects.map((o) => o.name),
          `${set.name}: ${p.object}`,
        ).toContain(p.object);
    }
  });

  it('sets field-level security on every custom field it can (never on a required or master-detail one)', () => {
    for (const set of metadata.permissionSets) {
      const named = new Set(set.fields.map((p) => `${p.object}.${p.field}`));
      for (const o of metadata.objects)
        for (const f of o.fields) {
          const key = `${o.name}.${f.name}`;
          // Only the integration user reads the Account fields that feed scoring.
          if (set.name === 'Health_Sync_CSM' && (f.name === 'Tier__c' || f.name === 'Renewal_Date__c'))
            continue;
          expect(named.has(key), `${set.name}: ${key}`).toBe(!f.required);
        }
    }
  });

  it('grants the integration user what health-sync does, and a CSM what the card does', () => {
    const set = (name: string) => metadata.permissionSets.find((s) => s.name === name)!;
    const integration = set('Health_Sync_Integration');
    const csm = set('Health_Sync_CSM');
    const mapping = shippedSalesforceMapping();
    const fp = (s: typeof integration, f: string) => s.fields.find((p) => `${p.object}.${p.field}` === f);
    for (const { target } of mapping.fields)
      expect(fp(integration, `Account.${target}`)?.editable, target).toBe(true);
    for (const f of Object.values(documentedOverrides())) {
      expect(fp(integration, `Account.${f}`)).toEqual(
        expect.objectContaining({ readable: true, editable: false }),
      );
      expect(fp(csm, `Account.${f}`)?.editable).toBe(true);
    }
    for (const { target } of mapping.fields)
      expect(fp(csm, `Account.${target}`)?.editable, target).toBe(false);
    const obj = (s: typeof integration, o: string) => s.objects.find((p) => p.object === o);
    expect(obj(integration, 'Health_Snapshot__c')).toEqual(
      expect.objectContaining({ read: true, create: true, edit: true, delete: true }),
    );
    expect(obj(integration, 'Account')).toEqual(
      expect.objectContaining({ read: true, edit: true, viewAll: true }),
    );
    expect(integration.userPermissions).toEqual(expect.arrayContaining(['ApiEnabled', 'EditTask']));
    expect(obj(csm, 'Health_Snapshot__c')).toEqual(
      expect.objectContaining({ read: true, create: false, delete: false }),
    );
  });

  it('grants no View All or Modify All on an object whose sharing its master controls (Setup refuses them)', () => {
    const controlled = metadata.objects
      .filter((o) => o.sharingModel === 'ControlledByParent')
      .map((o) => o.name);
    expect(controlled).toEqual(['Health_Snapshot__c']);
    for (const set of metadata.permissionSets)
      for (const p of set.objects.filter((o) => controlled.includes(o.object)))
        expect([p.viewAll, p.modifyAll], `${set.name}: ${p.object}`).toEqual([false, false]);
  });

  it('builds its report type on Accounts with Health Snapshots, from columns that exist', () => {
    const rt = metadata.reportTypes[0]!;
    expect([rt.baseObject, rt.relationship]).toEqual(['Account', 'Health_Snapshots__r']);
    for (const c of rt.columns) {
      const object = c.table === 'Account' ? 'Account' : 'Health_Snapshot__c';
      expect(c.field === 'Name' || field(object, c.field) !== undefined, `${c.table}.${c.field}`).toBe(true);
    }
  });

  it.each([
    ['Account', accountDef()],
    ['Health_Snapshot__c', healthSnapshotDef()],
  ])(
    "is what the sandbox's %s describe is generated from: every custom field as the package defines it",
    (object, sandbox) => {
      const fields = metadata.objects.find((o) => o.name === object)!.fields;
      for (const f of fields) {
        const s = findField(sandbox, f.name);
        expect(s, `${f.name} in the sandbox`).toBeDefined();
        const want = expectedDescribe(f);
        expect([s!.name, s!.type], f.name).toEqual([f.name, want.type]);
        expect(s!.label, f.name).toBe(f.label);
        if (want.length !== null) expect(s!.length, f.name).toBe(want.length);
        if (want.precision !== null)
          expect([s!.precision, s!.scale], f.name).toEqual([want.precision, want.scale]);
        expect(s!.picklist?.values ?? [], f.name).toEqual(want.picklistValues);
        expect(s!.picklist?.restricted ?? false, f.name).toBe(f.restrictedPicklist);
        expect([s!.externalId, s!.unique, s!.idLookup], f.name).toEqual([
          f.externalId,
          f.unique,
          f.externalId,
        ]);
        expect(s!.nillable, f.name).toBe(!f.required && f.type !== 'Checkbox');
        expect(s!.custom, f.name).toBe(true);
        if (f.referenceTo) expect(s!.referenceTo, f.name).toEqual([f.referenceTo]);
      }
      const custom = sandbox.fields.filter((f) => f.custom).map((f) => f.name);
      // The sandbox's Account also has a field the package leaves to the customer (see the README).
      expect(custom.filter((n) => !fields.some((f) => f.name === n))).toEqual(
        object === 'Account' ? ['Uptime_30d__c'] : [],
      );
    },
  );

  it("generates the sandbox's Health_Snapshot__c object from the package: labels, auto-number Name, master-detail, upsert key", () => {
    const def = healthSnapshotDef();
    expect([def.label, def.labelPlural, def.custom]).toEqual([snapshot.label, snapshot.labelPlural, true]);
    expect(snapshot.labelPlural).toBe('Health Snapshots');
    expect(findField(def, 'Name')).toEqual(
      expect.objectContaining({
        label: snapshot.nameField!.label,
        autoNumber: true,
        nameField: true,
        createable: false,
        updateable: false,
      }),
    );
    // A detail has no owner; its master is required, not reparentable, and takes it along on delete.
    expect(findField(def, 'OwnerId')).toBeUndefined();
    expect(findField(def, 'Account__c')).toEqual(
      expect.objectContaining({
        type: 'reference',
        relationshipName: 'Account__r',
        nillable: false,
        createable: true,
        updateable: false,
        cascadeDelete: true,
        relationshipOrder: 0,
      }),
    );
    expect(findField(def, 'Rebuilt__c')).toEqual(
      expect.objectContaining({ nillable: false, defaultedOnCreate: true, defaultValue: false }),
    );
  });

  describe('follows a change to the XML (one source of truth)', () => {
    const edited = (path: string, from: RegExp, to: string) =>
      parseOrgMetadata(
        readOrgFiles().map((f) => (f.path === path ? { ...f, text: f.text.replace(from, to) } : f)),
      );

    it('a longer Text field, a new picklist value, a relabelled object', () => {
      const account = accountDef(
        [],
        edited(
          'objects/Account/fields/Health_Scorecard_Version__c.field-meta.xml',
          /<length>\d+<\/length>/,
          '<length>120</length>',
        ),
      );
      expect(findField(account, 'Health_Scorecard_Version__c')!.length).toBe(120);
      expect(findField(accountDef(), 'Health_Scorecard_Version__c')!.length).toBe(
        field('Account', 'Health_Scorecard_Version__c')!.length,
      );
      const tier = edited(
        'objects/Account/fields/Tier__c.field-meta.xml',
        /(<valueSetDefinition>)/,
        '$1<value><fullName>Startup</fullName><default>false</default><label>Startup</label></value>',
      );
      expect(findField(accountDef([], tier), 'Tier__c')!.picklist!.values[0]).toBe('Startup');
      const relabelled = edited(
        'objects/Health_Snapshot__c/Health_Snapshot__c.object-meta.xml',
        /<pluralLabel>[^<]*<\/pluralLabel>/,
        '<pluralLabel>Weekly Healths</pluralLabel>',
      );
      expect(healthSnapshotDef(relabelled).labelPlural).toBe('Weekly Healths');
    });

    it('a field the package adds appears in the describe; one it drops disappears', () => {
      const files = readOrgFiles();
      const without = parseOrgMetadata(
        files.filter((f) => !f.path.endsWith('/Health_CSAT__c.field-meta.xml')),
      );
      expect(findField(accountDef([], without), 'Health_CSAT__c')).toBeUndefined();
      expect(findField(accountDef(), 'Health_CSAT__c')).toBeDefined();
    });

    it('refuses, naming the file, a field type the sandbox does not simulate', () => {
      const time = edited(
        'objects/Account/fields/Renewal_Date__c.field-meta.xml',
        /<type>Date<\/type>/,
        '<type>Time</type>',
      );
      expect(() => accountDef([], time)).toThrow(ConfigError);
      try {
        accountDef([], time);
      } catch (err) {
        expect((err as ConfigError).problems[0]!.file).toBe(
          'objects/Account/fields/Renewal_Date__c.field-meta.xml',
        );
      }
    });
  });
});

describe('parseOrgMetadata refuses what a deploy would refuse', () => {
  const fieldXml = (body: string, name = 'X__c'): { path: string; text: string } => ({
    path: `objects/Account/fields/${name}.field-meta.xml`,
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n<fullName>${name}</fullName>\n<label>X</label>\n${body}\n</CustomField>`,
  });
  const problems = (files: { path: string; text: string }[]): string[] => {
    try {
      parseOrgMetadata(files);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
      throw err;
    }
    return [];
  };

  it.each([
    ['an unknown <type>', '<type>Numbr</type>', /^type: Invalid option/],
    ['a Text field without a length', '<type>Text</type>', /^length: required/],
    ['a Text field over 255', '<type>Text</type><length>300</length>', /^length: 1 to 255/],
    [
      'a long text area under 256',
      '<type>LongTextArea</type><length>100</length><visibleLines>3</visibleLines>',
      /^length: 256 to 131072/,
    ],
    ['a Number without precision', '<type>Number</type><scale>1</scale>', /^precision: required/],
    [
      'a scale above the precision',
      '<type>Number</type><precision>3</precision><scale>4</scale>',
      /^scale: at most the precision/,
    ],
    ['a picklist without values', '<type>Picklist</type>', /^valueSet: required/],
    ['a length on a Date', '<type>Date</type><length>10</length>', /^length: a Date field has no <length>/],
    [
      'an element the type does not have',
      '<type>Date</type><colour>red</colour>',
      /Unrecognized key: "colour"/,
    ],
    [
      'a boolean that is not true or false',
      '<type>Date</type><required>yes</required>',
      /^required: Invalid option/,
    ],
    [
      'a required master-detail',
      '<type>MasterDetail</type><referenceTo>Account</referenceTo><relationshipName>R</relationshipName><relationshipLabel>R</relationshipLabel><required>true</required>',
      /^required: a MasterDetail field has no <required>/,
    ],
  ])('%s', (_why, body, says) => {
    expect(problems([fieldXml(body)])).toEqual([expect.stringMatching(says)]);
  });

  it('refuses a name over 40 characters, a fullName unlike its file, and XML that is not well-formed', () => {
    const long = `${'A'.repeat(38)}__c`;
    expect(problems([fieldXml('<type>Date</type>', long)])).toEqual([
      expect.stringMatching(/^fullName: Too big/),
    ]);
    const renamed = { ...fieldXml('<type>Date</type>'), path: 'objects/Account/fields/Y__c.field-meta.xml' };
    expect(problems([renamed])).toEqual(['fullName: must match the file name (Y__c)']);
    expect(
      problems([{ path: 'objects/Account/fields/X__c.field-meta.xml', text: '<CustomField><label>' }]),
    ).toEqual([expect.stringMatching(/^: not well-formed XML/)]);
  });

  it('refuses an editable field that is not readable and delete without edit in a permission set', () => {
    const text = `<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>P</label>
      <fieldPermissions><editable>true</editable><field>Account.X__c</field><readable>false</readable></fieldPermissions>
      <objectPermissions><allowCreate>false</allowCreate><allowDelete>true</allowDelete><allowEdit>false</allowEdit>
      <allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Account</object><viewAllRecords>false</viewAllRecords></objectPermissions>
      </PermissionSet>`;
    expect(problems([{ path: 'permissionsets/P.permissionset-meta.xml', text }])).toEqual([
      'fieldPermissions.0: an editable field must be readable',
      'objectPermissions.0: delete needs edit',
    ]);
  });
});
