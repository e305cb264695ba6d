import type { Condition, FieldRef, LiteralAt, OrderItem, SoqlQuery } from './ast.ts';
import { soqlError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'like',
  'order',
  'by',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
  'true',
  'false',
  'null',
  'count',
]);

/** Parses `SELECT fields|COUNT() FROM object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]`. */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql).query();
}

class Parser {
  private readonly soql: string;
  private readonly tokens: Token[];
  private i = 0;

  constructor(soql: string) {
    this.soql = soql;
    this.tokens = tokenize(soql);
  }

  query(): SoqlQuery {
    this.keyword('select');
    let count = false;
    const fields: FieldRef[] = [];
    if (this.isKeyword('count') && this.peekAt(1).t === 'punct') {
      this.i++;
      this.punct('(');
      this.punct(')');
      count = true;
    } else {
      do fields.push(this.fieldRef());
      while (this.acceptPunct(','));
    }
    this.keyword('from');
    const objectToken = this.ident();
    const query: SoqlQuery = {
      soql: this.soql,
      count,
      fields,
      object: { name: objectToken.v, pos: objectToken.pos },
      where: null,
      orderBy: [],
      limit: null,
      offset: null,
    };
    if (this.acceptKeyword('where')) query.where = this.condition();
    if (this.acceptKeyword('order')) {
      this.keyword('by');
      do query.orderBy.push(this.orderItem());
      while (this.acceptPunct(','));
    }
    if (this.acceptKeyword('limit')) query.limit = this.integer();
    if (this.acceptKeyword('offset')) query.offset = this.integer();
    if (this.peek().t !== 'eof') this.unexpected();
    return query;
  }

  /** SOQL refuses `a AND b OR c` without parentheses, so one level holds only ANDs or only ORs. */
  private condition(): Condition {
    const first = this.unary();
    const joiner = this.isKeyword('and') ? 'and' : this.isKeyword('or') ? 'or' : null;
    if (!joiner) return first;
    const items = [first];
    while (this.acceptKeyword(joiner)) items.push(this.unary());
    if (this.isKeyword(joiner === 'and' ? 'or' : 'and')) this.unexpected();
    return { type: joiner, items };
  }

  private unary(): Condition {
    if (this.acceptKeyword('not')) return { type: 'not', item: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const field = this.fieldRef();
    const t = this.peek();
    if (t.t === 'op') {
      this.i++;
      return { type: 'compare', field, op: t.v, value: this.literal() };
    }
    const negated = this.acceptKeyword('not');
    if (this.acceptKeyword('in')) {
      this.punct('(');
      const values: LiteralAt[] = [];
      do values.push(this.literal());
      while (this.acceptPunct(','));
      this.punct(')');
      return { type: 'in', field, negated, values };
    }
    if (!negated && this.acceptKeyword('like')) {
      const s = this.peek();
      if (s.t !== 'string') this.unexpected();
      this.i++;
      return { type: 'like', field, pattern: (s as { v: string }).v, pos: s.pos };
    }
    return this.unexpected();
  }

  private literal(): LiteralAt {
    const t = this.peek();
    this.i++;
    switch (t.t) {
      case 'string':
        return { lit: { kind: 'string', value: t.v }, pos: t.pos };
      case 'number':
        return { lit: { kind: 'number', value: t.v }, pos: t.pos };
      case 'datetime':
        return { lit: { kind: 'datetime', value: t.v }, pos: t.pos };
      case 'date':
        return { lit: { kind: 'date', value: t.v }, pos: t.pos };
      case 'ident': {
        const lower = t.v.toLowerCase();
        if (lower === 'true' || lower === 'false')
          return { lit: { kind: 'boolean', value: lower === 'true' }, pos: t.pos };
        if (lower === 'null') return { lit: { kind: 'null' }, pos: t.pos };
        break;
      }
      default:
        break;
    }
    this.i--;
    return this.unexpected();
  }

  private orderItem(): OrderItem {
    const field = this.fieldRef();
    const desc = this.acceptKeyword('desc');
    if (!desc) this.acceptKeyword('asc');
    let nullsLast = desc;
    if (this.acceptKeyword('nulls')) {
      if (this.acceptKeyword('last')) nullsLast = true;
      else {
        this.keyword('first');
        nullsLast = false;
      }
    }
    return { field, desc, nullsLast };
  }

  private fieldRef(): FieldRef {
    const t = this.ident();
    return { name: t.v, pos: t.pos };
  }

  private integer(): number {
    const t = this.peek();
    if (t.t !== 'number' || !Number.isInteger(t.v) || t.v < 0) this.unexpected();
    this.i++;
    return (t as { v: number }).v;
  }

  private ident(): { v: string; pos: number } {
    const t = this.peek();
    if (t.t !== 'ident' || KEYWORDS.has(t.v.toLowerCase())) this.unexpected();
    this.i++;
    return t;
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && t.v.toLowerCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i++;
    return true;
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) this.unexpected();
  }

  private acceptPunct(p: '(' | ')' | ','): boolean {
    const t = this.peek();
    if (t.t !== 'punct' || t.v !== p) return false;
    this.i++;
    return true;
  }

  private punct(p: '(' | ')' | ','): void {
    if (!this.acceptPunct(p)) this.unexpected();
  }

  private unexpected(): never {
    const t = this.peek();
    const text =
      t.t === 'eof' ? '<EOF>' : this.soql.slice(t.pos).split(/[\s,()]/)[0] || this.soql.charAt(t.pos);
    throw soqlError('MALFORMED_QUERY', this.soql, t.pos, `unexpected token: '${text}'`);
  }
}
