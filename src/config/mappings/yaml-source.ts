import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from '../../errors.ts';

/** A parsed YAML file that can say on which line a path of it is. */
export interface YamlSource {
  file: string;
  value: unknown;
  lineOf(path: (string | number)[]): number | undefined;
}

export function parseYaml(file: string, text: string): { source?: YamlSource; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    file,
    path: [],
    message: `YAML syntax: ${e.message.split('\n')[0]}`,
    line: lineCounter.linePos(e.pos[0]).line,
  }));
  if (problems.length) return { problems };
  const lineOf = (path: (string | number)[]): number | undefined => {
    // The deepest node that exists: an unknown or missing key points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { source: { file, value: doc.toJS() as unknown, lineOf }, problems: [] };
}
