import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, unwrap } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { WhatIfReport, type WhatIf } from '../components/what-if.tsx';
import { href } from '../router.ts';
import type { operations } from '../api/schema.ts';
import { useApi } from '../use-api.ts';
import { ScorecardForm } from '../components/scorecard-form.tsx';
import { readScorecardFields } from '../scorecard-fields.ts';

type Files = NonNullable<
  operations['postMappingsPreview']['requestBody']
>['content']['application/json']['files'];

interface Problem {
  file: string;
  path: (string | number)[];
  message: string;
  line?: number;
}

const problemsOf = (e: unknown): Problem[] =>
  e instanceof ApiFailure && e.details && typeof e.details === 'object' && 'problems' in e.details
    ? ((e.details as { problems: Problem[] }).problems ?? [])
    : [];

/** Quiet time after the last keystroke before the text is validated. */
const VALIDATE_DELAY_MS = 400;

/** Edit one mapping file, see what it would change, and submit it for a second admin's approval. */
export function EditorPage() {
  const files = useApi(() => unwrap(api.GET('/mappings/files')), []);
  const [file, setFile] = useState('scorecard.yaml');
  const [text, setText] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [whatIf, setWhatIf] = useState<WhatIf | undefined>(undefined);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const original = files.data?.files[file];
  useEffect(() => {
    setText(original);
    setWhatIf(undefined);
    setProblems([]);
  }, [original]);
  const changed = text !== undefined && text !== original;
  // Validation as you type: the API's two-pass check of the text, 400 ms after the last keystroke;
  // an answer to an older text is dropped.
  const [live, setLive] = useState<Problem[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    if (!changed) {
      setLive([]);
      return;
    }
    const timer = setTimeout(() => {
      void unwrap(api.POST('/mappings/validate', { body: { files: { [file]: text ?? '' } } })).then(
        (r) => {
          if (mine === seq.current) setLive(r.valid ? [] : r.problems);
        },
        () => undefined,
      );
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, file]);
  const shown = problems.length ? problems : live;
  const body = (): { files: Files } => ({ files: { [file]: text ?? '' } });

  const call = async (what: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setProblems([]);
    try {
      await what();
    } catch (e) {
      const p = problemsOf(e);
      setProblems(p);
      if (!p.length) setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const preview = (): Promise<void> =>
    call(async () => {
      const res = await unwrap(api.POST('/mappings/preview', { body: body() }));
      setWhatIf(res.report as WhatIf);
    });
  const submit = (): Promise<void> =>
    call(async () => {
      const created = await unwrap(
        api.POST('/mappings/proposals', {
          body: { ...body(), ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      location.hash = href('proposals', String(created.id));
    });
  const fields = file === 'scorecard.yaml' && text ? readScorecardFields(text) : [];

  return (
    <div class="page">
      <div class="page-head">
        <h1>Scorecard editor</h1>
        <label class="inline">
          File{' '}
          <select value={file} onChange={(e) => setFile((e.target as HTMLSelectElement).value)}>
            {Object.keys(files.data?.files ?? {}).map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={files.error ?? error} />
      <div class="grid-editor">
        <div class="page">
          {fields.length > 0 && (
            <ScorecardForm text={text ?? ''} fields={fields} problems={shown} onText={setText} />
          )}
          <Panel title={file}>
            <textarea
              class="yaml"
              aria-label={`Text of ${file}`}
              spellcheck={false}
              value={text ?? ''}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
            {shown.length > 0 && (
              <ul class="problems" aria-label="Validation problems">
                {shown.map((p, i) => (
                  <li key={i}>
                    <code>
                      {p.file}
                      {p.line === undefined ? '' : `:${p.line}`} › {p.path.join(' › ')}
                    </code>{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
        <Panel title="What-if">
          <div class="actions">
            <button type="button" disabled={!changed || busy} onClick={() => void preview()}>
              Show what-if
            </button>
          </div>
          {whatIf ? (
            <WhatIfReport report={whatIf} />
          ) : (
            <p class="muted">Change the file, then ask what it would change.</p>
          )}
          <h3>Submit as a proposal</h3>
          <label class="stack">
            <span>Comment for the approver</span>
            <input
              type="text"
              value={note}
              maxLength={500}
              onInput={(e) => setNote((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="button" class="primary" disabled={!changed || busy} onClick={() => void submit()}>
            Submit as proposal
          </button>
          <p class="muted small">
            A second admin approves it on the Proposals page; it applies then, not before.
          </p>
        </Panel>
      </div>
    </div>
  );
}
