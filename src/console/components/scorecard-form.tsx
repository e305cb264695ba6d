import { type ScorecardField, pathKey, setScorecardField } from '../scorecard-fields.ts';
import { Panel } from './notice.tsx';

interface Problem {
  path: (string | number)[];
  message: string;
}

const label = (f: ScorecardField): string =>
  f.name === 'weight'
    ? `Weight of ${f.measureId}`
    : `${f.name[0]?.toUpperCase()}${f.name.slice(1)} of ${f.measureId}`;
const fieldId = (f: ScorecardField): string => `sc-${pathKey(f.path).replace(/\./g, '-')}`;

/**
 * Each base measure's weight, target and scoring as fields. A value is kept as typed; a problem the
 * API's validation finds at a field's path is shown on that field.
 */
export function ScorecardForm({
  text,
  fields,
  problems,
  onText,
}: {
  text: string;
  fields: ScorecardField[];
  problems: Problem[];
  onText: (text: string) => void;
}) {
  const byPath = new Map<string, string[]>();
  for (const p of problems) byPath.set(pathKey(p.path), [...(byPath.get(pathKey(p.path)) ?? []), p.message]);
  const measures = [...new Set(fields.map((f) => f.measureId))];
  const weights = fields.filter((f) => f.name === 'weight').map((f) => Number(f.value));
  const total = weights.every(Number.isFinite) ? weights.reduce((s, w) => s + w, 0) : 0;
  return (
    <Panel title="Measures">
      <div class="measure-form">
        {measures.map((id) => (
          <fieldset key={id} class="measure-fields">
            <legend>{id}</legend>
            {fields
              .filter((f) => f.measureId === id)
              .map((f) => {
                const errors = byPath.get(pathKey(f.path));
                const weight = f.name === 'weight' ? Number(f.value) : NaN;
                return (
                  <div key={pathKey(f.path)} class={`field ${errors ? 'field-invalid' : ''}`}>
                    <label for={fieldId(f)}>{f.name}</label>
                    <input
                      id={fieldId(f)}
                      type="text"
                      inputMode="decimal"
                      value={f.value}
                      aria-label={label(f)}
                      aria-invalid={errors ? 'true' : 'false'}
                      {...(errors ? { 'aria-describedby': `${fieldId(f)}-error` } : {})}
                      onInput={(e) =>
                        onText(setScorecardField(text, f, (e.target as HTMLInputElement).value))
                      }
                    />
                    {f.name === 'weight' && total > 0 && Number.isFinite(weight) && (
                      <span class="muted small">{((weight / total) * 100).toFixed(0)}%</span>
                    )}
                    {errors && (
                      <span class="field-error" id={`${fieldId(f)}-error`} role="alert">
                        {errors.join('; ')}
                      </span>
                    )}
                  </div>
                );
              })}
          </fieldset>
        ))}
      </div>
    </Panel>
  );
}
