/** A column: its label, and whether it holds numbers (right-aligned, as their cells). */
export type Column = string | { label: string; num: true };

/** A table's header row, one `th scope="col"` per column (screen readers name each cell by it). */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th scope="col" key={i}>
              {c}
            </th>
          ) : (
            <th scope="col" class="num" key={i}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
