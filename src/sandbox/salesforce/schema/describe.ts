import type { FieldDef, FieldType, SObjectDef } from './fields.ts';

/**
 * The describe payloads, shaped like Salesforce's (checked against the sObjects OpenAPI beta in
 * tests/sandbox/salesforce/contract.test.ts). Only properties the vendor spec declares are emitted,
 * plus `defaultValue`, which real orgs send and the beta spec omits.
 */
const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  combobox: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  email: 'xsd:string',
  datetime: 'xsd:dateTime',
  date: 'xsd:date',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
};

function byteLength(f: FieldDef): number {
  if (f.type === 'id' || f.type === 'reference') return 18;
  return f.length * 3;
}

export function describeField(f: FieldDef): Record<string, unknown> {
  return {
    aggregatable:
      f.groupable || ['double', 'currency', 'percent', 'int', 'datetime', 'date'].includes(f.type),
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: byteLength(f),
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: f.cascadeDelete,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    dataTranslationEnabled: false,
    defaultValue: f.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: f.extraTypeInfo,
    filterable: f.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: f.groupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: f.type === 'id' || f.type === 'reference' ? 18 : f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: false,
    nillable: f.nillable,
    permissionable: f.custom || (f.nillable && f.updateable),
    picklistValues: (f.picklist?.values ?? []).map((value) => ({
      active: true,
      defaultValue: f.picklist?.defaultValue === value,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: f.relationshipOrder,
    restrictedDelete: false,
    restrictedPicklist: f.picklist?.restricted ?? false,
    scale: f.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type],
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

function objectFlags(def: SObjectDef): Record<string, unknown> {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: def.name === 'Account',
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: def.deletable,
    updateable: def.updateable,
  };
}

function objectUrls(def: SObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** `GET /sobjects/{sObject}/describe`. */
export function describeSObject(def: SObjectDef, version: string): Record<string, unknown> {
  const urls = objectUrls(def, version);
  return {
    actionOverrides: [],
    ...objectFlags(def),
    childRelationships: [],
    compactLayoutable: true,
    fields: def.fields.map(describeField),
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `${urls.sobject}/describe/layouts/012000000000000AAA` },
      },
    ],
    searchLayoutable: true,
    supportedScopes: [
      { label: 'All accounts', name: 'everything' },
      { label: 'My accounts', name: 'mine' },
    ].filter(() => def.name === 'Account'),
    urls,
  };
}

/** `GET /sobjects` (describeGlobal), limited to the objects the simulator holds. */
export function describeGlobal(defs: SObjectDef[], version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: defs.map((def) => {
      const urls = objectUrls(def, version);
      return {
        ...objectFlags(def),
        urls: {
          rowTemplate: urls.rowTemplate,
          defaultValues: urls.defaultValues,
          describe: urls.describe,
          sobject: urls.sobject,
        },
      };
    }),
  };
}
