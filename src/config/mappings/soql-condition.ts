/**
 * A syntax check of the SOQL condition in accounts.yaml's `where`, before anything is sent: the
 * Accounts stream splices it into `WHERE … AND (<where>)` and `NOT (<where>)`, so an unbalanced
 * parenthesis or quote, a `;`, a clause of its own (ORDER BY, LIMIT…) or a dangling AND would make
 * every read fail, or change what the query means. `health-sync validate` with Salesforce
 * credentials also asks the org itself (`GET /query?explain=`); this check needs no org.
 */
type TokenKind = 'string' | 'word' | 'literal' | 'op' | '(' | ')' | ',' | ';' | 'other';

interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column in the condition. */
  column: number;
}

/** Words that join or complete a comparison: a condition cannot end with one. */
const DANGLING = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IN', 'INCLUDES', 'EXCLUDES']);
const JOINS = new Set(['AND', 'OR']);
/** Clauses of a whole query: not allowed outside a sub-query's parentheses. */
const CLAUSES = new Set(['SELECT', 'FROM', 'WHERE', 'ORDER', 'GROUP', 'HAVING', 'LIMIT', 'OFFSET', 'WITH', 'FOR', 'USING']);

class SyntaxProblem extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: text.slice(i, end), column: i + 1 });
    i = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length)
        throw new SyntaxProblem(`the string that starts at column ${i + 1} has no closing quote (')`);
      push('string', j + 1);
      continue;
    }
    if (c === '"')
      throw new SyntaxProblem(`column ${i + 1}: SOQL quotes strings with single quotes ('), not "`);
    if (c === '(' || c === ')' || c === ',' || c === ';') {
      push(c, i + 1);
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(text.slice(i));
    if (op) {
      push('op', i + op[0].length);
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*(:\d+)?/.exec(text.slice(i));
    if (word) {
      push('word', i + word[0].length);
      continue;
    }
    const literal = /^-?[0-9][0-9A-Za-z:.+-]*/.exec(text.slice(i));
    if (literal) {
      push('literal', i + literal[0].length);
      continue;
    }
    push('other', i + 1);
  }
  return tokens;
}

const upper = (t: Token | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');
const dangles = (t: Token | undefined): boolean => t?.kind === 'op' || DANGLING.has(upper(t));

/** The first syntax problem of a `where` condition, as a sentence; null when it looks sound. */
export function soqlConditionProblem(condition: string): string | null {
  if (condition.trim() === '')
    return 'is empty: write a condition, or leave `where` out to read every Account';
  try {
    check(tokenize(condition));
    return null;
  } catch (err) {
    if (err instanceof SyntaxProblem) return err.message;
    throw err;
  }
}

function check(tokens: Token[]): void {
  const open: Token[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const word = upper(t);
    if (t.kind === ';')
      throw new SyntaxProblem(`';' at column ${t.column}: write one condition, not a statement`);
    if (t.kind === '(') open.push(t);
    if (t.kind === ')') {
      if (!open.pop()) throw new SyntaxProblem(`')' at column ${t.column} closes no '('`);
      if (prev?.kind === '(') throw new SyntaxProblem(`'()' at column ${prev.column} is empty`);
      if (dangles(prev))
        throw new SyntaxProblem(`'${prev!.text}' at column ${prev!.column} is not followed by anything to compare or join`);
    }
    if (open.length === 0 && CLAUSES.has(word))
      throw new SyntaxProblem(
        `'${t.text}' at column ${t.column}: only a condition fits here (it is inserted as WHERE … AND (<where>)), not a clause of its own`,
      );
    if (JOINS.has(word) && (prev === undefined || prev.kind === '(' || JOINS.has(upper(prev)) || upper(prev) === 'NOT'))
      throw new SyntaxProblem(`'${t.text}' at column ${t.column} has no condition before it`);
  });
  const unclosed = open.pop();
  if (unclosed) throw new SyntaxProblem(`the '(' at column ${unclosed.column} is never closed`);
  const last = tokens.at(-1);
  if (dangles(last))
    throw new SyntaxProblem(`ends with '${last!.text}' (column ${last!.column}): the condition is incomplete`);
}
