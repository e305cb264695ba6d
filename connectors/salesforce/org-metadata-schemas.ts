import { z } from 'zod';

/**
 * The Metadata API types the package in `org/` uses, as zod schemas of their XML (parsed with every
 * value kept as text): the elements each type allows, the required ones, the enumerations
 * (`<type>`, `<sharingModel>`…) and the rules between elements that a deploy enforces. Strict: an
 * element the type does not have fails here rather than at `sf project deploy start`.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 */

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Int = z
  .string()
  .regex(/^\d+$/, 'a whole number')
  .transform((v) => Number(v));
/** A custom API name: letters, digits and single underscores, starting with a letter, `__c` at the end. */
export const CUSTOM_API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/;
export const MAX_API_NAME_LENGTH = 40;

export const FIELD_TYPES = [
  'AutoNumber',
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'EncryptedText',
  'Html',
  'LongTextArea',
  'Lookup',
  'MasterDetail',
  'MultiselectPicklist',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Summary',
  'Text',
  'TextArea',
  'Time',
  'Url',
] as const;
export type MetadataFieldType = (typeof FIELD_TYPES)[number];

const PicklistValue = z.strictObject({
  fullName: z.string().min(1).max(255),
  default: Bool,
  label: z.string().min(1).max(255),
  color: z.string().optional(),
});

const ValueSet = z.strictObject({
  restricted: Bool.optional(),
  controllingField: z.string().optional(),
  valueSetDefinition: z.strictObject({
    sorted: Bool.optional(),
    value: z.array(PicklistValue).min(1),
  }),
});

export const CustomFieldXml = z
  .strictObject({
    fullName: z.string().regex(CUSTOM_API_NAME, 'a custom field API name (Name__c)').max(MAX_API_NAME_LENGTH),
    label: z.string().min(1).max(40),
    type: z.enum(FIELD_TYPES),
    description: z.string().max(1000).optional(),
    inlineHelpText: z.string().max(510).optional(),
    length: Int.optional(),
    precision: Int.optional(),
    scale: Int.optional(),
    visibleLines: Int.optional(),
    required: Bool.optional(),
    externalId: Bool.optional(),
    unique: Bool.optional(),
    caseSensitive: Bool.optional(),
    defaultValue: z.string().optional(),
    trackTrending: Bool.optional(),
    trackHistory: Bool.optional(),
    trackFeedHistory: Bool.optional(),
    valueSet: ValueSet.optional(),
    referenceTo: z.string().optional(),
    relationshipLabel: z.string().optional(),
    relationshipName: z
      .string()
      .regex(/^[A-Za-z]\w*$/)
      .optional(),
    relationshipOrder: Int.optional(),
    reparentableMasterDetail: Bool.optional(),
    writeRequiresMasterRead: Bool.optional(),
    deleteConstraint: z.enum(['SetNull', 'Restrict', 'Cascade']).optional(),
    displayFormat: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const need = (key: keyof typeof f, why: string): void => {
      if (f[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `required: ${why}` });
    };
    const forbid = (keys: (keyof typeof f)[]): void => {
      for (const key of keys)
        if (f[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `a ${f.type} field has no <${key}>` });
    };
    const range = (key: 'length' | 'precision' | 'visibleLines', min: number, max: number): void => {
      const v = f[key];
      if (v !== undefined && (v < min || v > max))
        ctx.addIssue({ code: 'custom', path: [key], message: `${min} to ${max} for a ${f.type} field` });
    };
    switch (f.type) {
      case 'Text':
        need('length', 'a Text field has a length');
        range('length', 1, 255);
        forbid(['precision', 'scale', 'valueSet', 'visibleLines']);
        break;
      case 'LongTextArea':
      case 'Html':
        need('length', `a ${f.type} field has a length`);
        need('visibleLines', `a ${f.type} field has visibleLines`);
        range('length', 256, 131072);
        forbid(['precision', 'scale', 'valueSet', 'unique', 'caseSensitive']);
        break;
      case 'Number':
      case 'Percent':
      case 'Currency':
        need('precision', 'digits in all');
        need('scale', 'digits after the point');
        range('precision', 1, 18);
        if (f.precision !== undefined && f.scale !== undefined && f.scale > f.precision)
          ctx.addIssue({ code: 'custom', path: ['scale'], message: 'at most the precision' });
        forbid(['length', 'valueSet', 'visibleLines']);
        break;
      case 'Picklist':
      case 'MultiselectPicklist':
        need('valueSet', 'a picklist has values');
        forbid(['length', 'precision', 'scale', 'unique', 'caseSensitive']);
        break;
      case 'Checkbox':
        need('defaultValue', 'a Checkbox has a default (true or false)');
        if (f.defaultValue !== undefined && !['true', 'false'].includes(f.defaultValue))
          ctx.addIssue({ code: 'custom', path: ['defaultValue'], message: 'true or false' });
        forbid(['length', 'precision', 'scale', 'valueSet', 'required', 'externalId', 'unique']);
        break;
      case 'MasterDetail':
        need('referenceTo', 'the master object');
        need('relationshipName', 'the child relationship name');
        need('relationshipLabel', 'the related list label');
        // Always required, so the type refuses the element (and field-level security on the field).
        forbid(['required', 'length', 'precision', 'scale', 'valueSet', 'deleteConstraint']);
        break;
      case 'Lookup':
        need('referenceTo', 'the referenced object');
        need('relationshipName', 'the child relationship name');
        need('deleteConstraint', 'what deleting the referenced record does');
        forbid(['length', 'precision', 'scale', 'valueSet']);
        break;
      case 'Date':
      case 'DateTime':
      case 'Time':
        forbid(['length', 'precision', 'scale', 'valueSet', 'visibleLines']);
        break;
      default:
        break;
    }
    if (f.type !== 'MasterDetail' && f.type !== 'Lookup')
      forbid(['referenceTo', 'relationshipName', 'relationshipLabel', 'relationshipOrder']);
    if (f.caseSensitive !== undefined && f.unique !== true)
      ctx.addIssue({ code: 'custom', path: ['caseSensitive'], message: 'only for a unique field' });
  });
export type CustomFieldXml = z.infer<typeof CustomFieldXml>;

const SHARING_MODELS = [
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
  'ControlledByCampaign',
  'ControlledByLeadOrContact',
] as const;

export const CustomObjectXml = z
  .strictObject({
    label: z.string().min(1).max(40),
    pluralLabel: z.string().min(1).max(40),
    description: z.string().max(1000).optional(),
    deploymentStatus: z.enum(['Deployed', 'InDevelopment']),
    sharingModel: z.enum(SHARING_MODELS),
    externalSharingModel: z.enum(SHARING_MODELS).optional(),
    visibility: z.enum(['Public', 'Protected', 'PackageProtected']).optional(),
    nameField: z
      .strictObject({
        label: z.string().min(1).max(80),
        type: z.enum(['Text', 'AutoNumber']),
        displayFormat: z.string().optional(),
        trackHistory: Bool.optional(),
      })
      .refine((n) => n.type !== 'AutoNumber' || /\{0+\}/.test(n.displayFormat ?? ''), {
        message: 'an AutoNumber name has a displayFormat with {000…}',
        path: ['displayFormat'],
      }),
    enableActivities: Bool.optional(),
    enableBulkApi: Bool.optional(),
    enableFeeds: Bool.optional(),
    enableHistory: Bool.optional(),
    enableReports: Bool.optional(),
    enableSearch: Bool.optional(),
    enableSharing: Bool.optional(),
    enableStreamingApi: Bool.optional(),
  })
  .refine(
    // The Enterprise Application setting: Bulk API, sharing and Streaming API go together.
    (o) => new Set([o.enableBulkApi, o.enableSharing, o.enableStreamingApi]).size === 1,
    { message: 'enableBulkApi, enableSharing and enableStreamingApi must all be true or all false' },
  );
export type CustomObjectXml = z.infer<typeof CustomObjectXml>;

const FieldPermissionXml = z
  .strictObject({
    field: z.string().regex(/^\w+\.\w+$/, 'Object.Field'),
    readable: Bool,
    editable: Bool,
  })
  .refine((p) => p.readable || !p.editable, { message: 'an editable field must be readable' });

const ObjectPermissionXml = z
  .strictObject({
    object: z.string().min(1),
    allowCreate: Bool,
    allowDelete: Bool,
    allowEdit: Bool,
    allowRead: Bool,
    modifyAllRecords: Bool,
    viewAllRecords: Bool,
  })
  .superRefine((p, ctx) => {
    // The dependencies Setup enforces between object permissions.
    const rules: [boolean, string][] = [
      [(p.allowCreate || p.allowEdit) && !p.allowRead, 'create or edit needs read'],
      [p.allowDelete && !p.allowEdit, 'delete needs edit'],
      [p.viewAllRecords && !p.allowRead, 'view all needs read'],
      [p.modifyAllRecords && !(p.allowDelete && p.viewAllRecords), 'modify all needs delete and view all'],
    ];
    for (const [broken, message] of rules) if (broken) ctx.addIssue({ code: 'custom', message });
  });

export const PermissionSetXml = z.strictObject({
  label: z.string().min(1).max(80),
  description: z.string().max(255).optional(),
  hasActivationRequired: Bool.optional(),
  license: z.string().optional(),
  fieldPermissions: z.array(FieldPermissionXml).default([]),
  objectPermissions: z.array(ObjectPermissionXml).default([]),
  userPermissions: z.array(z.strictObject({ name: z.string().min(1), enabled: Bool })).default([]),
});
export type PermissionSetXml = z.infer<typeof PermissionSetXml>;

const REPORT_CATEGORIES = [
  'accounts',
  'opportunities',
  'forecasts',
  'cases',
  'leads',
  'campaigns',
  'activities',
  'busop',
  'products',
  'admin',
  'territory',
  'other',
  'content',
] as const;

export const ReportTypeXml = z.strictObject({
  baseObject: z.string().min(1),
  category: z.enum(REPORT_CATEGORIES),
  deployed: Bool,
  label: z.string().min(1).max(50),
  description: z.string().max(255),
  join: z.strictObject({ relationship: z.string().min(1), outerJoin: Bool }).optional(),
  sections: z
    .array(
      z.strictObject({
        masterLabel: z.string().min(1),
        columns: z
          .array(
            z.strictObject({ checkedByDefault: Bool, field: z.string().min(1), table: z.string().min(1) }),
          )
          .min(1),
      }),
    )
    .default([]),
});
export type ReportTypeXml = z.infer<typeof ReportTypeXml>;
