import { parseDatetime, isDateText } from '../sf-time.ts';
import { soqlError } from './errors.ts';

export type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'datetime'; v: number; pos: number }
  | { t: 'date'; v: string; pos: number }
  | { t: 'op'; v: '=' | '!=' | '<' | '<=' | '>' | '>='; pos: number }
  | { t: 'punct'; v: '(' | ')' | ','; pos: number }
  | { t: 'eof'; pos: number };

const DATETIME_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  _: '\\_',
  '%': '\\%',
};

/** Splits SOQL into tokens; literal forms follow the SOQL reference (datetimes need a zone: Z or ±hh:mm / ±hhmm). */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = soql.slice(i);
    if (c === "'") {
      const [value, end] = readString(soql, i);
      tokens.push({ t: 'string', v: value, pos: i });
      i = end;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest);
    if (op) {
      const v = op[1] === '<>' ? '!=' : (op[1] as '=' | '!=' | '<' | '<=' | '>' | '>=');
      tokens.push({ t: 'op', v, pos: i });
      i += op[1]!.length;
      continue;
    }
    const dt = DATETIME_LITERAL.exec(rest);
    if (dt) {
      const ms = parseDatetime(dt[0]);
      if (ms === undefined)
        throw soqlError('MALFORMED_QUERY', soql, i, `line 1:${i} no viable alternative at character '${c}'`);
      tokens.push({ t: 'datetime', v: ms, pos: i });
      i += dt[0].length;
      continue;
    }
    const date = DATE_LITERAL.exec(rest);
    if (date) {
      if (!isDateText(date[0]))
        throw soqlError('MALFORMED_QUERY', soql, i, `line 1:${i} no viable alternative at character '${c}'`);
      tokens.push({ t: 'date', v: date[0], pos: i });
      i += date[0].length;
      continue;
    }
    const num = NUMBER_LITERAL.exec(rest);
    if (num) {
      tokens.push({ t: 'number', v: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ t: 'ident', v: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    throw soqlError('MALFORMED_QUERY', soql, i, `line 1:${i} no viable alternative at character '${c}'`);
  }
  tokens.push({ t: 'eof', pos: soql.length });
  return tokens;
}

function readString(soql: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (c === '\\') {
      const next = soql.charAt(i + 1);
      const mapped = ESCAPES[next];
      if (mapped === undefined) {
        throw soqlError(
          'MALFORMED_QUERY',
          soql,
          i,
          `Invalid string literal '${soql.slice(start, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`,
        );
      }
      out += mapped;
      i += 2;
      continue;
    }
    if (c === "'") return [out, i + 1];
    out += c;
    i++;
  }
  throw soqlError(
    'MALFORMED_QUERY',
    soql,
    start,
    `line 1:${start} mismatched character '<EOF>' expecting '''`,
  );
}
