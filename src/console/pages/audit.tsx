import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { time } from '../format.ts';
import { useApi } from '../use-api.ts';
import { TableHead } from '../components/table-head.tsx';

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The audit log, newest first, with filters on who and what (over the entries loaded). */
export function AuditPage() {
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const audit = useApi(
    () =>
      unwrap(
        api.GET('/audit', {
          params: { query: { limit: '100', ...(before === undefined ? {} : { before: String(before) }) } },
        }),
      ),
    [before],
  );
  const needle = filter.trim().toLowerCase();
  const items = (audit.data?.items ?? []).filter(
    (e) =>
      !needle ||
      `${e.actor} ${e.action} ${e.target ?? ''} ${text(e.detail['outcome'])}`.toLowerCase().includes(needle),
  );
  return (
    <div class="page">
      <div class="page-head">
        <h1>Audit</h1>
      </div>
      <ErrorNotice error={audit.error} />
      <Panel
        title="Log"
        actions={
          <input
            type="search"
            class="search"
            placeholder="Filter by actor, action, outcome"
            aria-label="Filter the audit log"
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
        }
      >
        <table class="table">
          <TableHead columns={['When', 'Actor', 'Action', 'Target', 'Outcome']} />
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td class="small">{time(e.at)}</td>
                <td class="strong">{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.target ?? <span class="muted">—</span>}</td>
                <td>
                  <span class={`badge outcome-${text(e.detail['outcome']) || 'ok'}`}>
                    {text(e.detail['outcome']) || 'ok'} {text(e.detail['status'])}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && <p class="empty">No entry.</p>}
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={before === undefined} onClick={() => setBefore(undefined)}>
            ← Newest
          </button>
          <button
            type="button"
            disabled={!audit.data?.nextBefore}
            onClick={() => setBefore(audit.data?.nextBefore ?? undefined)}
          >
            Older →
          </button>
        </nav>
      </Panel>
    </div>
  );
}
