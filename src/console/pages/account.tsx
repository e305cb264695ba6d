import { api, unwrap, type Ok } from '../api/client.ts';
import { bandText } from '../bands.ts';
import { FactsPanel, OverrideNotice, TasksPanel } from '../components/account-evidence.tsx';
import { HistoryChart } from '../components/history-chart.tsx';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Trend } from '../components/trend.tsx';
import { measureValue, score, time } from '../format.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';
import { TableHead } from '../components/table-head.tsx';

type Health = Ok<'getAccountsIdHealth'>;
type Measure = NonNullable<Health['latest']>['measures'][number];

/** Points of score a measure costs: its share of the score had it been perfect, less what it adds. */
const pointsLost = (m: Measure): number => (m.hasData ? m.weight * 100 - m.contribution : 0);

export function AccountPage({ id }: { id: string }) {
  const health = useApi(
    () => unwrap(api.GET('/accounts/{id}/health', { params: { path: { id }, query: { days: '90' } } })),
    [id],
  );
  // Bands, Tasks, facts and override: a second call, so the score shows without waiting for it.
  const evidence = useApi(
    () => unwrap(api.GET('/accounts/{id}/evidence', { params: { path: { id } } })),
    [id],
  );
  const ev = evidence.data;
  const bands = new Map((ev?.bands ?? []).map((b) => [b.id, b]));
  const h = health.data;
  const latest = h?.latest;
  const measures = [...(latest?.measures ?? [])].sort((a, b) => pointsLost(b) - pointsLost(a));
  return (
    <div class="page">
      <p class="crumbs">
        <a href={href('accounts')}>← Accounts</a>
      </p>
      <ErrorNotice error={health.error} />
      {h && (
        <>
          <div class="page-head account-head">
            <div>
              <h1>{h.account?.name ?? h.accountId}</h1>
              <p class="muted">
                {h.accountId} · tier {h.account?.tier ?? '—'} · owner {h.account?.ownerId ?? '—'}
                {latest?.segment ? ` · segment ${latest.segment}` : ''}
              </p>
            </div>
            {latest && (
              <div class="score-card">
                <div class={`score-big score-${latest.status}`}>{score(latest.score)}</div>
                <StatusBadge status={latest.status} />
                <div class="score-trends">
                  <span>
                    7 d <Trend value={latest.trend7d} />
                  </span>
                  <span>
                    30 d <Trend value={latest.trend30d} />
                  </span>
                </div>
              </div>
            )}
          </div>
          <OverrideNotice override={ev?.override ?? null} />
          {latest ? (
            <>
              <div class="grid-2">
                <Panel title="Why: what pulls the score down">
                  {latest.drivers.length ? (
                    <ol class="drivers">
                      {latest.drivers.map((d) => (
                        <li key={d}>{d}</li>
                      ))}
                    </ol>
                  ) : (
                    <p class="muted">Every measure is at or above its target.</p>
                  )}
                  {latest.strengths.length > 0 && (
                    <>
                      <h3>What holds it up</h3>
                      <ul class="strengths">
                        {latest.strengths.map((d) => (
                          <li key={d}>{d}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </Panel>
                <Panel title="Daily history">
                  {h.history.length ? (
                    <HistoryChart history={h.history} />
                  ) : (
                    <p class="muted">No snapshot yet.</p>
                  )}
                  <p class="legend">
                    <span class="dot dot-live" aria-hidden="true" /> scored by a run
                    <span class="dot dot-rebuilt" aria-hidden="true" /> rebuilt from stored facts
                  </p>
                </Panel>
              </div>
              <Panel title="Measures">
                <table class="table">
                  <TableHead
                    columns={[
                      'Measure',
                      { label: 'Value', num: true },
                      { label: 'Target', num: true },
                      'Band',
                      'Sub-score',
                      { label: 'Weight', num: true },
                      { label: 'Points lost', num: true },
                    ]}
                  />
                  <tbody>
                    {measures.map((m) => (
                      <tr key={m.id} class={m.hasData ? '' : 'no-data'}>
                        <td>
                          <span class="strong">{m.label}</span>
                          <div class="sub">{m.explanation ?? m.metric}</div>
                        </td>
                        <td class="num">{measureValue(m.value, m.format)}</td>
                        <td class="num">{measureValue(m.target, m.format)}</td>
                        <td class="band">
                          {(() => {
                            const b = bands.get(m.id);
                            return b ? bandText(b.scoring, b.direction, b.format) : '—';
                          })()}
                        </td>
                        <td>
                          <SubScore value={m.subScore} />
                        </td>
                        <td class="num">
                          {m.hasData ? `${(m.weight * 100).toFixed(0)}%` : <span class="muted">no data</span>}
                        </td>
                        <td class="num strong">{m.hasData ? pointsLost(m).toFixed(1) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class="muted small">
                  Scorecard {latest.scorecardVersion} · coverage {(latest.coverage * 100).toFixed(0)}% ·
                  computed {time(latest.computedAt)}
                </p>
              </Panel>
            </>
          ) : (
            <p class="empty">This account has no score yet.</p>
          )}
          <ErrorNotice error={evidence.error} />
          {ev && (
            <div class="grid-2">
              <TasksPanel tasks={ev.tasks} />
              <FactsPanel facts={ev.facts} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function SubScore({ value }: { value: number | null }) {
  if (value === null) return <span class="muted">—</span>;
  const band = value >= 70 ? 'green' : value >= 50 ? 'yellow' : 'red';
  return (
    <span class="bar" title={`${value.toFixed(0)} of 100`}>
      <span class={`bar-track`}>
        <span class={`bar-fill bar-${band} w-${Math.round(Math.max(0, Math.min(100, value)) / 5) * 5}`} />
      </span>
      <span class="bar-num">{value.toFixed(0)}</span>
    </span>
  );
}
