/**
 * The JQL subset health-sync (and an ops person editing jira.yaml) writes: clauses on project,
 * issuetype, status, statusCategory, priority, key, id, created, updated and resolved with
 * = != > >= < <= IN, NOT IN, IS [NOT] EMPTY; AND, OR, NOT and parentheses; ORDER BY. Anything else
 * is refused the way Jira refuses it: HTTP 400 with errorMessages.
 */
export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not';
export type JqlValue = { kind: 'text'; text: string; quoted: boolean } | { kind: 'empty' } | { kind: 'now' };
export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'clause'; field: string; op: Op; values: JqlValue[] };
export interface OrderBy {
  field: string;
  direction: 'asc' | 'desc';
}
export interface JqlQuery {
  where: Condition | null;
  orderBy: OrderBy[];
}

export class JqlError extends Error {
  override name = 'JqlError';
}

type Token = { type: 'word' | 'string' | 'op' | 'punct'; text: string; pos: number };

const FIELD_ALIASES: Record<string, string> = {
  project: 'project',
  issuetype: 'issuetype',
  type: 'issuetype',
  status: 'status',
  statuscategory: 'statuscategory',
  priority: 'priority',
  key: 'key',
  issuekey: 'key',
  id: 'id',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolved: 'resolved',
  resolutiondate: 'resolved',
};

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length)
        throw new JqlError(
          `Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${i + 1})`,
        );
      tokens.push({ type: 'string', text, pos: i });
      i = j + 1;
    } else if ('(),'.includes(c)) {
      tokens.push({ type: 'punct', text: c, pos: i++ });
    } else if ('=!<>~'.includes(c)) {
      const two = jql.slice(i, i + 2);
      const text = ['!=', '>=', '<=', '!~'].includes(two) ? two : c;
      tokens.push({ type: 'op', text, pos: i });
      i += text.length;
    } else {
      const m = /^[A-Za-z0-9_.\-/[\]]+/.exec(jql.slice(i));
      if (!m)
        throw new JqlError(
          `Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`,
        );
      tokens.push({ type: 'word', text: m[0], pos: i });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const isWord = (t: Token | undefined, w: string): boolean =>
    t?.type === 'word' && t.text.toLowerCase() === w;
  const fail = (expected: string): never => {
    const t = peek();
    throw new JqlError(
      t
        ? `Error in the JQL Query: Expecting ${expected} but got '${t.text}'. (line 1, character ${t.pos + 1})`
        : `Error in the JQL Query: Expecting ${expected} but reached the end of the query.`,
    );
  };

  function value(): JqlValue {
    const t = peek();
    if (!t || (t.type !== 'word' && t.type !== 'string')) return fail('either a value, a function or a list');
    p++;
    if (t.type === 'word' && t.text.toLowerCase() === 'now' && peek()?.text === '(') {
      p++;
      if (peek()?.text !== ')') fail("')'");
      p++;
      return { kind: 'now' };
    }
    if (t.type === 'word' && ['empty', 'null'].includes(t.text.toLowerCase())) return { kind: 'empty' };
    return { kind: 'text', text: t.text, quoted: t.type === 'string' };
  }

  function clause(): Condition {
    const t = peek();
    if (!t || (t.type !== 'word' && t.type !== 'string')) return fail('a field name');
    p++;
    const field = FIELD_ALIASES[t.text.toLowerCase()];
    if (!field)
      throw new JqlError(`Field '${t.text}' does not exist or you do not have permission to view it.`);
    const o = peek();
    if (isWord(o, 'in') || (isWord(o, 'not') && isWord(tokens[p + 1], 'in'))) {
      const negated = isWord(o, 'not');
      p += negated ? 2 : 1;
      if (peek()?.text !== '(') fail("'('");
      p++;
      const values = [value()];
      while (peek()?.text === ',') {
        p++;
        values.push(value());
      }
      if (peek()?.text !== ')') fail("')'");
      p++;
      return { kind: 'clause', field, op: negated ? 'not in' : 'in', values };
    }
    if (isWord(o, 'is')) {
      p++;
      const negated = isWord(peek(), 'not');
      if (negated) p++;
      const v = value();
      if (v.kind !== 'empty') fail('EMPTY or NULL');
      return { kind: 'clause', field, op: negated ? 'is not' : 'is', values: [v] };
    }
    if (o?.type !== 'op' || o.text === '~' || o.text === '!~') return fail('operator');
    p++;
    return { kind: 'clause', field, op: o.text as Op, values: [value()] };
  }

  function factor(): Condition {
    if (isWord(peek(), 'not')) {
      p++;
      return { kind: 'not', item: factor() };
    }
    if (peek()?.text === '(') {
      p++;
      const inner = expr();
      if (peek()?.text !== ')') fail("')'");
      p++;
      return inner;
    }
    return clause();
  }

  function chain(kind: 'and' | 'or', next: () => Condition): Condition {
    const items = [next()];
    while (isWord(peek(), kind)) {
      p++;
      items.push(next());
    }
    if (items.length === 1) return items[0]!;
    return kind === 'and' ? { kind: 'and', items } : { kind: 'or', items };
  }
  const term = (): Condition => chain('and', factor);
  const expr = (): Condition => chain('or', term);

  const where = peek() && !isWord(peek(), 'order') ? expr() : null;
  const orderBy: OrderBy[] = [];
  if (isWord(peek(), 'order')) {
    p++;
    if (!isWord(peek(), 'by')) fail("'by'");
    p++;
    do {
      if (peek()?.text === ',') p++;
      const f = peek();
      if (!f || f.type === 'punct' || f.type === 'op') fail('a field name');
      p++;
      const field = FIELD_ALIASES[f!.text.toLowerCase()];
      if (!field) throw new JqlError(`Not able to sort using field '${f!.text}'.`);
      let direction: 'asc' | 'desc' = field === 'updated' || field === 'created' ? 'desc' : 'asc';
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        direction = peek()!.text.toLowerCase() as 'asc' | 'desc';
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc')) p++;
      orderBy.push({ field, direction });
    } while (peek()?.text === ',');
  }
  if (p < tokens.length) fail("end of query or 'AND', 'OR', 'ORDER BY'");
  return { where, orderBy };
}
