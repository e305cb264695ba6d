import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { ConfigProblem } from '../../errors.ts';

/**
 * The largest mapping file we read. The shipped files are a few KB; the limit leaves ample room for a
 * large scorecard while keeping the worst case of a validation short (a file of this size, full of
 * unknown keys, validates in about a second).
 */
export const MAX_MAPPING_BYTES = 256 * 1024;

/**
 * Alias nodes (`*name`) in one file. The shipped files use none; each alias costs yaml a scan of the
 * document's anchors, so thousands of them are slow even when they expand to little.
 */
export const MAX_ALIASES = 1000;

/**
 * yaml's guard against alias bombs ("billion laughs"): how far aliases may expand, counted as uses of
 * an anchor times the aliases inside it. 100 is yaml's default, stated here because we rely on it.
 */
export const MAX_ALIAS_EXPANSION = 100;

/** A parsed YAML file that can say on which line a path of it is. */
export interface YamlSource {
  file: string;
  value: unknown;
  lineOf(path: (string | number)[]): number | undefined;
}

export interface ParsedYaml {
  source?: YamlSource;
  problems: ConfigProblem[];
  /** The file was not read at all: too large, or an alias bomb. */
  refused?: boolean;
}

/** `1.2 MB`, `256 KB`: the unit an operator thinks in. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

// yaml reports nesting deeper than the stack allows as an error rather than crashing.
const TOO_DEEP = /maximum call stack/i;
const DEEP_MESSAGE = 'nested too deeply to read (no mapping file needs this many levels): refused';

/** A problem that stops the file from being read at all. */
const refusal = (file: string, message: string): ParsedYaml => ({
  problems: [{ file, path: [], message }],
  refused: true,
});

const startOf = (node: unknown): number => (isNode(node) && node.range ? node.range[0] : 0);

const keyOf = (key: unknown): string | undefined =>
  isScalar(key) ? String(key.value) : key === null || key === undefined ? '' : undefined;

interface Walked {
  /** Each map's pairs by key, so a path finds its node in one hash lookup per step. */
  pairs: Map<Node, Map<string, Pair>>;
  duplicates: { at: Pair; parent: Walk | undefined; key: string; first: Pair }[];
  aliases: number;
}

interface Walk {
  node: Node;
  parent: Walk | undefined;
  /** The key or index of `node` in its parent. */
  step: string | number | undefined;
}

/**
 * One pass over the document's nodes (iterative: a deeply nested file cannot overflow the stack;
 * aliases are counted, not followed). Duplicate keys are found with one Set-like map per YAML map:
 * yaml's own `uniqueKeys` compares each key with every earlier one: tens of seconds for 40,000 keys.
 */
function walk(root: Node): Walked {
  const out: Walked = { pairs: new Map(), duplicates: [], aliases: 0 };
  const stack: Walk[] = [{ node: root, parent: undefined, step: undefined }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node } = item;
    if (isAlias(node)) out.aliases++;
    else if (isMap(node)) {
      const byKey = new Map<string, Pair>();
      out.pairs.set(node, byKey);
      for (const pair of node.items) {
        const key = keyOf(pair.key);
        if (key === undefined) continue; // a collection as a key: no mapping file has one
        const first = byKey.get(key);
        if (first) out.duplicates.push({ at: pair, parent: item, key, first });
        else byKey.set(key, pair);
        if (isNode(pair.value)) stack.push({ node: pair.value, parent: item, step: key });
      }
    } else if (isSeq(node))
      node.items.forEach((child, index) => {
        if (isNode(child)) stack.push({ node: child, parent: item, step: index });
      });
  }
  return out;
}

const pathOf = (w: Walk | undefined): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at = w; at?.step !== undefined; at = at.parent) path.unshift(at.step);
  return path;
};

/**
 * Parses one mapping file. Syntax errors, duplicate keys and refusals (too large, alias bombs) come
 * back as problems naming the file, never as exceptions.
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MAPPING_BYTES)
    return refusal(
      file,
      `${formatSize(bytes)} is over the ${formatSize(MAX_MAPPING_BYTES)} limit for a mapping file`,
    );
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.some((e) => TOO_DEEP.test(e.message))) return refusal(file, DEEP_MESSAGE);
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    file,
    path: [],
    message: `YAML syntax: ${e.message.split('\n')[0]}`,
    line: lineAt(e.pos[0]),
  }));
  if (problems.length) return { problems };
  const root = doc.contents;
  const walked = root ? walk(root) : { pairs: new Map<Node, Map<string, Pair>>(), duplicates: [], aliases: 0 };
  if (walked.aliases > MAX_ALIASES)
    return refusal(
      file,
      `${walked.aliases} YAML aliases (*name) are more than the ${MAX_ALIASES} a mapping file may hold: refused`,
    );
  for (const d of walked.duplicates)
    problems.push({
      file,
      path: [...pathOf(d.parent), d.key],
      message: `duplicate key "${d.key}" (first on line ${lineAt(startOf(d.first.key))})`,
      line: lineAt(startOf(d.at.key)),
    });
  if (problems.length) return { problems };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/resource exhaustion/i.test(message))
      return refusal(
        file,
        `YAML aliases expand too far (more than ${MAX_ALIAS_EXPANSION} uses): refused as an alias bomb`,
      );
    if (TOO_DEEP.test(message)) return refusal(file, DEEP_MESSAGE);
    return { problems: [{ file, path: [], message: `YAML: ${message.split('\n')[0]}` }] };
  }

  const lineOf = (path: (string | number)[]): number | undefined => {
    // The deepest node that exists: an unknown or missing key points at its parent.
    let node: Node | null | undefined = root;
    let line = node?.range ? lineAt(node.range[0]) : undefined;
    for (const step of path) {
      let next: unknown;
      if (isMap(node)) next = walked.pairs.get(node)?.get(String(step))?.value;
      else if (isSeq(node)) next = typeof step === 'number' ? node.items[step] : undefined;
      if (!isNode(next)) break;
      node = next;
      if (node.range) line = lineAt(node.range[0]);
    }
    return line;
  };
  return { source: { file, value, lineOf }, problems: [] };
}
