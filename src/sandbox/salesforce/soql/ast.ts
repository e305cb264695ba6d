/** The SOQL subset the simulator understands, as a syntax tree. */
export interface FieldRef {
  name: string;
  pos: number;
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number }
  | { kind: 'date'; value: string };

export interface LiteralAt {
  lit: Literal;
  pos: number;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { type: 'and' | 'or'; items: Condition[] }
  | { type: 'not'; item: Condition }
  | { type: 'compare'; field: FieldRef; op: CompareOp; value: LiteralAt }
  | { type: 'in'; field: FieldRef; negated: boolean; values: LiteralAt[] }
  | { type: 'like'; field: FieldRef; pattern: string; pos: number };

export interface OrderItem {
  field: FieldRef;
  desc: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  soql: string;
  /** `SELECT COUNT() FROM …`: only totalSize is answered. */
  count: boolean;
  fields: FieldRef[];
  object: { name: string; pos: number };
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
