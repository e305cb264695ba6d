import type { Ok } from '../api/client.ts';
import { STATUS_LABEL, count, time } from '../format.ts';
import { Panel } from './notice.tsx';
import { TableHead } from './table-head.tsx';

type Evidence = Ok<'getAccountsIdEvidence'>;
/** Ids shown per source: a Genesys id is a UUID, and a few are enough to look them up. */
const SHOWN_IDS = 8;

const SOURCE_LABEL: Record<string, string> = {
  zendesk: 'Zendesk tickets',
  genesys: 'Genesys calls',
  jira: 'Jira issues',
};

/** The Tasks health-sync opened for the account (its alerts), newest first. */
export function TasksPanel({ tasks }: { tasks: Evidence['tasks'] }) {
  return (
    <Panel title="Tasks health-sync opened">
      {tasks.length ? (
        <table class="table tasks" aria-label="Tasks health-sync opened">
          <TableHead columns={['Subject', 'Rule', 'Opened', 'Salesforce Task']} />
          <tbody>
            {tasks.map((t) => (
              <tr key={t.key}>
                <td>
                  <span class="strong">{t.subject}</span>
                  <div class="sub">
                    {t.priority} · due {t.dueDate}
                  </div>
                </td>
                <td>
                  <code>{t.rule}</code>
                </td>
                <td>{time(t.createdAt)}</td>
                <td>{t.taskId ? <code>{t.taskId}</code> : <span class="muted">pending</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No Task opened for this account.</p>
      )}
    </Panel>
  );
}

/** The facts behind the score: counts per source and window, and the newest records' ids. */
export function FactsPanel({ facts }: { facts: Evidence['facts'] }) {
  const windows = facts[0]?.windows.map((w) => w.days) ?? [];
  return (
    <Panel title="Facts behind the score">
      <table class="table fact-counts" aria-label="Linked facts per source and window">
        <thead>
          <tr>
            <th scope="col">Source</th>
            {windows.map((d) => (
              <th scope="col" class="num" key={d}>
                {d} days
              </th>
            ))}
            <th scope="col">Newest records (ids)</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr key={f.source} data-source={f.source}>
              <th scope="row">{SOURCE_LABEL[f.source] ?? f.source}</th>
              {f.windows.map((w) => (
                <td class="num" key={w.days}>
                  {count(w.count)}
                </td>
              ))}
              <td>
                {f.recent.length ? (
                  <ul class="id-list">
                    {f.recent.slice(0, SHOWN_IDS).map((r) => (
                      <li key={r.id} title={`${time(r.at)} · linked by ${r.rule}`}>
                        <code>{r.id}</code>
                      </li>
                    ))}
                    {f.recent.length > SHOWN_IDS && (
                      <li class="muted">+{f.recent.length - SHOWN_IDS} more</li>
                    )}
                  </ul>
                ) : (
                  <span class="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">Ids only: health-sync keeps no ticket, call or issue text.</p>
    </Panel>
  );
}

/** The CSM's override of the status, when one is set on the Account. */
export function OverrideNotice({ override }: { override: Evidence['override'] }) {
  if (!override) return null;
  return (
    <div class={`notice override override-${override.state}`} role="status">
      <strong>CSM override{override.state === 'lapsed' ? ' (lapsed)' : ''}:</strong>{' '}
      {STATUS_LABEL[override.status] ?? override.status}
      {override.until ? ` until ${override.until}` : ' until cleared'}
      {override.reason ? ` · ${override.reason}` : ''}
    </div>
  );
}
