import { auditFields, field, picklist, reference, systemField, type SObjectDef } from './fields.ts';

export const TASK_STATUS_VALUES = [
  'Not Started',
  'In Progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
];
export const TASK_PRIORITY_VALUES = ['High', 'Normal', 'Low'];

export function taskDef(): SObjectDef {
  return {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [
      systemField('Id', 'Activity ID', 'id', { idLookup: true }),
      reference('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
      reference('WhatId', 'Related To ID', ['Account', 'Opportunity', 'Case'], 'What'),
      field('Subject', 'Subject', 'combobox', { length: 255, nameField: true }),
      field('ActivityDate', 'Due Date Only', 'date'),
      picklist('Status', 'Status', TASK_STATUS_VALUES, {
        restricted: true,
        defaultValue: 'Not Started',
        nillable: false,
      }),
      picklist('Priority', 'Priority', TASK_PRIORITY_VALUES, {
        restricted: true,
        defaultValue: 'Normal',
        nillable: false,
      }),
      reference('OwnerId', 'Assigned To ID', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true }),
      field('Description', 'Description', 'textarea', { length: 32000 }),
      systemField('IsDeleted', 'Deleted', 'boolean'),
      systemField('IsClosed', 'Closed', 'boolean'),
      picklist('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call'], {
        updateable: false,
        defaultValue: 'Task',
      }),
      ...auditFields(),
    ],
  };
}
