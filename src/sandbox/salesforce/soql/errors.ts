/**
 * A query the org refuses, with Salesforce's error code and its message layout: the query, a caret
 * under the offending column, `ERROR at Row:1:Column:N`, then the reason.
 */
export type SoqlErrorCode =
  'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR';

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
  }
}

export function soqlError(code: SoqlErrorCode, soql: string, pos: number, reason: string): SoqlError {
  const column = pos + 1;
  return new SoqlError(code, `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${column}\n${reason}`);
}

export const noSuchColumn = (field: string, entity: string): string =>
  `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

export const unsupportedType = (entity: string): string =>
  `sObject type '${entity}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
