import { diffLines } from 'diff';
import { useMemo } from 'preact/hooks';

interface Row {
  left: string | null;
  right: string | null;
  kind: 'same' | 'removed' | 'added' | 'changed';
}

/** Pairs removed and added runs of lines so a change reads across, as in a code review. */
function rows(before: string, after: string): Row[] {
  const out: Row[] = [];
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (!part.added && !part.removed) {
      for (const l of lines) out.push({ left: l, right: l, kind: 'same' });
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const added = next.value.replace(/\n$/, '').split('\n');
      for (let j = 0; j < Math.max(lines.length, added.length); j++)
        out.push({ left: lines[j] ?? null, right: added[j] ?? null, kind: 'changed' });
      i++;
      continue;
    }
    for (const l of lines)
      out.push(
        part.added ? { left: null, right: l, kind: 'added' } : { left: l, right: null, kind: 'removed' },
      );
  }
  return out;
}

/** A side-by-side diff of one file: unchanged runs longer than six lines fold to their edges. */
export function SideBySide({ file, before, after }: { file: string; before: string; after: string }) {
  const all = useMemo(() => rows(before, after), [before, after]);
  const shown = all.filter((r, i) => {
    if (r.kind !== 'same') return true;
    return all.slice(Math.max(0, i - 3), i + 4).some((n) => n.kind !== 'same');
  });
  return (
    <table class="diff" aria-label={`Changes to ${file}`}>
      <thead>
        <tr>
          <th scope="col">{file} now</th>
          <th scope="col">{file} proposed</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r, i) => (
          <tr key={i} class={`diff-${r.kind}`}>
            <td class={r.left === null ? 'diff-empty' : ''}>
              <code>{r.left ?? ''}</code>
            </td>
            <td class={r.right === null ? 'diff-empty' : ''}>
              <code>{r.right ?? ''}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
