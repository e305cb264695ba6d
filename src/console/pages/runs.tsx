import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Ok } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { count, duration, time } from '../format.ts';
import { href } from '../router.ts';
import { useCan } from '../role.ts';
import { followRun, type LiveEvent, type LiveProgress } from '../live-run.ts';
import { useApi } from '../use-api.ts';
import { TableHead } from '../components/table-head.tsx';

type Run = Ok<'getRuns'>['items'][number];

/** The parts of a run's stats document (src/sync/run-stats.ts) this page reads. */
interface SourceStats {
  pages: number;
  records: number;
  apiCalls: number;
  retries: number;
  rateLimited: number;
  errors: number;
}
interface Stats {
  progress?: { stage: string; stream?: string; pages?: number; records?: number; waiting?: string };
  sources?: Record<string, SourceStats>;
  reconciliation?: {
    stream: string;
    expected: number | null;
    stored: number;
    difference: number | null;
    note: string;
  }[];
  writes?: { attempted: number; succeeded: number; failed: number };
  tasksCreated?: number;
  errors?: { code: string; message: string }[];
}
const statsOf = (run: Run): Stats => run.stats;

/** Polls while a run is going: the runs list and the open run refresh every second without a reload. */
const POLL_MS = 1000;

export function RunsPage({ id }: { id: string | undefined }) {
  const canTrigger = useCan('operator');
  const runs = useApi(() => unwrap(api.GET('/runs', { params: { query: { limit: '25' } } })), []);
  const running = runs.data?.items.some((r) => r.status === 'running') ?? false;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(runs.reload, POLL_MS);
    return () => clearInterval(t);
  }, [running, runs.reload]);
  // While a run goes, its per-stream progress arrives as server-sent events, as it happens.
  const [live, setLive] = useState<LiveProgress | undefined>(undefined);
  const onLive = (e: LiveEvent): void => {
    if (e.event === 'progress') setLive(e.data);
    else runs.reload();
  };
  // A run found going (page opened mid-run, or started elsewhere).
  const [following, setFollowing] = useState(false);
  useEffect(() => {
    if (!running || following) return;
    return followRun(onLive, () => undefined);
  }, [running, following]);
  const [trigger, setTrigger] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const start = async (dryRun: boolean): Promise<void> => {
    setTrigger({ busy: true });
    // The stream is open before the run starts, so even a run over in a second is seen whole.
    setFollowing(true);
    let stop = (): void => undefined;
    await new Promise<void>((opened) => {
      const ended = (): void => {
        setFollowing(false);
        opened();
      };
      stop = followRun(onLive, ended, { next: true, onOpen: opened });
    });
    try {
      const accepted = await unwrap(api.POST('/runs', { body: { dryRun } }));
      setTrigger({ busy: false });
      location.hash = href('runs', String(accepted.runId));
      runs.reload();
    } catch (e) {
      stop();
      setTrigger({ busy: false, error: e as Error });
    }
  };
  const selected = runs.data?.items.find((r) => String(r.id) === id) ?? runs.data?.items[0];
  return (
    <div class="page">
      <div class="page-head">
        <h1>Runs</h1>
        {canTrigger && (
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={trigger.busy || running}
              onClick={() => void start(false)}
            >
              Run now
            </button>
            <button type="button" disabled={trigger.busy || running} onClick={() => void start(true)}>
              Dry run
            </button>
          </div>
        )}
      </div>
      <ErrorNotice error={runs.error ?? trigger.error} />
      <div class="grid-runs">
        <Panel title="History">
          <table class="table">
            <TableHead columns={['Run', 'Status', 'Started', { label: 'Duration', num: true }]} />
            <tbody>
              {runs.data?.items.map((r) => (
                <tr key={r.id} class={r.id === selected?.id ? 'selected' : ''}>
                  <td>
                    <a href={href('runs', String(r.id))} class="strong">
                      #{r.id}
                    </a>
                    <div class="sub">{r.trigger}</div>
                  </td>
                  <td>
                    <RunStatus status={r.status} />
                  </td>
                  <td class="small">{time(r.startedAt)}</td>
                  <td class="num">{duration(r.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.data?.items.length === 0 && <p class="empty">No run yet.</p>}
        </Panel>
        {selected && <RunDetail run={selected} live={live?.runId === selected.id ? live : undefined} />}
      </div>
    </div>
  );
}

function RunStatus({ status }: { status: Run['status'] }) {
  return <span class={`badge run-${status}`}>{status === 'running' ? 'running…' : status}</span>;
}

function RunDetail({ run, live }: { run: Run; live: LiveProgress | undefined }) {
  const stats = statsOf(run);
  const sources = Object.entries(stats.sources ?? {});
  return (
    <Panel title={`Run #${run.id}`} actions={<RunStatus status={run.status} />}>
      <dl class="facts">
        <div>
          <dt>Trigger</dt>
          <dd>{run.trigger}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{time(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{duration(run.durationMs)}</dd>
        </div>
        <div>
          <dt>Writes</dt>
          <dd>
            {count(stats.writes?.succeeded ?? 0)} ok · {count(stats.writes?.failed ?? 0)} failed
          </dd>
        </div>
        <div>
          <dt>Tasks opened</dt>
          <dd>{count(stats.tasksCreated ?? 0)}</dd>
        </div>
      </dl>
      {run.status === 'running' && stats.progress && (
        <div class="progress" role="status" aria-live="polite">
          <span class="spinner" aria-hidden="true" />
          <span>
            <strong>{stats.progress.stage}</strong>
            {stats.progress.stream ? ` · ${stats.progress.stream}` : ''}
            {stats.progress.pages !== undefined ? ` · ${count(stats.progress.pages)} pages` : ''}
            {stats.progress.records !== undefined ? ` · ${count(stats.progress.records)} records` : ''}
            {stats.progress.waiting ? ` · waiting on ${stats.progress.waiting}` : ''}
          </span>
        </div>
      )}
      {live && live.streams.length > 0 && <StreamProgress live={live} running={run.status === 'running'} />}
      {run.error && <div class="notice notice-error">{run.error}</div>}
      <h3>Per source</h3>
      <table class="table compact">
        <TableHead
          columns={[
            'Source',
            { label: 'Pages', num: true },
            { label: 'Records', num: true },
            { label: 'API calls', num: true },
            { label: 'Retries', num: true },
            { label: '429s', num: true },
            { label: 'Errors', num: true },
          ]}
        />
        <tbody>
          {sources.map(([name, s]) => (
            <tr key={name}>
              <td class="strong">{name}</td>
              <td class="num">{count(s.pages)}</td>
              <td class="num">{count(s.records)}</td>
              <td class="num">{count(s.apiCalls)}</td>
              <td class="num">{count(s.retries)}</td>
              <td class="num">{count(s.rateLimited)}</td>
              <td class={`num ${s.errors ? 'bad' : ''}`}>{count(s.errors)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sources.length === 0 && <p class="muted small">No source read yet.</p>}
      {(stats.reconciliation?.length ?? 0) > 0 && (
        <>
          <h3>Reconciliation</h3>
          <table class="table compact">
            <TableHead
              columns={[
                'Stream',
                { label: 'Expected', num: true },
                { label: 'Stored', num: true },
                { label: 'Difference', num: true },
              ]}
            />
            <tbody>
              {stats.reconciliation?.map((r) => (
                <tr key={r.stream}>
                  <td>{r.stream}</td>
                  <td class="num">{r.expected === null ? '—' : count(r.expected)}</td>
                  <td class="num">{count(r.stored)}</td>
                  <td class={`num ${r.difference ? 'bad' : ''}`}>
                    {r.difference === null ? '—' : count(r.difference)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(stats.errors?.length ?? 0) > 0 && (
        <>
          <h3>Errors</h3>
          <ul class="errors">
            {stats.errors?.map((e, i) => (
              <li key={i}>
                <code>{e.code}</code> {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function positionText(p: NonNullable<LiveProgress['streams'][number]['position']>): string {
  if (p.total <= 0) return '';
  return p.unit === 'records'
    ? `${count(p.done)} of ${count(p.total)}`
    : `${Math.floor((100 * p.done) / p.total)}% of the time range`;
}

/** Each stream of the run so far: pages, records, and how far of its total where the source tells. */
function StreamProgress({ live, running }: { live: LiveProgress; running: boolean }) {
  return (
    <>
      <h3>Per stream{running ? ' (live)' : ''}</h3>
      <table class="table compact stream-progress" aria-label="Progress per stream">
        <TableHead
          columns={[
            'Stream',
            { label: 'Pages', num: true },
            { label: 'Records', num: true },
            'Of total',
            'State',
          ]}
        />
        <tbody>
          {live.streams.map((s) => (
            <tr key={s.stream} data-stream={s.stream}>
              <td>{s.stream}</td>
              <td class="num">{count(s.pages)}</td>
              <td class="num">{count(s.records)}</td>
              <td>
                {s.position ? (
                  <progress
                    max={s.position.total || 1}
                    value={s.position.done}
                    aria-label={`${s.stream}: ${positionText(s.position)}`}
                  />
                ) : (
                  <span class="muted">—</span>
                )}{' '}
                <span class="small">{s.position ? positionText(s.position) : ''}</span>
              </td>
              <td>
                {s.done || !running ? 'read' : live.waiting ? `waiting on ${live.waiting}` : 'reading…'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
