import { useContext, useState } from 'preact/hooks';
import { api, unwrap } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { SideBySide } from '../components/side-by-side.tsx';
import { time } from '../format.ts';
import { MeContext, useCan } from '../role.ts';
import { href } from '../router.ts';
import { WhatIfReport, type WhatIf } from '../components/what-if.tsx';
import { useApi } from '../use-api.ts';
import { TableHead } from '../components/table-head.tsx';

/** Proposed mapping changes: the list, and one with its diff and the approve/reject of a second admin. */
export function ProposalsPage({ id }: { id: string | undefined }) {
  const list = useApi(
    () => unwrap(api.GET('/mappings/proposals', { params: { query: { limit: '50' } } })),
    [],
  );
  const selected = id ?? (list.data?.items[0] ? String(list.data.items[0].id) : undefined);
  return (
    <div class="page">
      <div class="page-head">
        <h1>Proposals</h1>
      </div>
      <ErrorNotice error={list.error} />
      <div class="grid-runs">
        <Panel title="Proposed changes">
          <table class="table">
            <TableHead columns={['Proposal', 'Status', 'By']} />
            <tbody>
              {list.data?.items.map((p) => (
                <tr key={p.id} class={String(p.id) === selected ? 'selected' : ''}>
                  <td>
                    <a class="strong" href={href('proposals', String(p.id))}>
                      #{p.id} {p.files.join(', ')}
                    </a>
                    <div class="sub">{p.note ?? ''}</div>
                  </td>
                  <td>
                    <span class={`badge proposal-${p.status}`}>{p.status}</span>
                  </td>
                  <td>{p.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data?.items.length === 0 && <p class="empty">No proposal yet.</p>}
        </Panel>
        {selected && <ProposalDetail key={selected} id={selected} onDecided={list.reload} />}
      </div>
    </div>
  );
}

function ProposalDetail({ id, onDecided }: { id: string; onDecided: () => void }) {
  const me = useContext(MeContext);
  const isAdmin = useCan('admin');
  const proposal = useApi(
    () => unwrap(api.GET('/mappings/proposals/{id}', { params: { path: { id } } })),
    [id],
  );
  const current = useApi(
    () => (isAdmin ? unwrap(api.GET('/mappings/files')) : Promise.resolve(undefined)),
    [isAdmin, proposal.data?.status],
  );
  // The what-if of a pending proposal against the files in force now; the trail of every proposal.
  const pending = proposal.data?.status === 'pending';
  const whatIf = useApi(
    () =>
      pending && proposal.data
        ? unwrap(api.POST('/mappings/preview', { body: { files: proposal.data.texts } })).then(
            (r) => r.report as WhatIf,
          )
        : Promise.resolve(undefined),
    [id, pending],
  );
  const trail = useApi(
    () => unwrap(api.GET('/mappings/proposals/{id}/audit', { params: { path: { id } } })),
    [id, proposal.data?.status],
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const p = proposal.data;
  const decide = async (how: 'approve' | 'reject'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const comment = reason.trim();
      if (how === 'approve')
        await unwrap(
          api.POST('/mappings/proposals/{id}/approve', {
            params: { path: { id } },
            body: comment ? { comment } : {},
          }),
        );
      else
        await unwrap(
          api.POST('/mappings/proposals/{id}/reject', {
            params: { path: { id } },
            body: comment ? { reason: comment } : {},
          }),
        );
      proposal.reload();
      onDecided();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  if (!p) return <ErrorNotice error={proposal.error} />;
  const mine = p.createdBy === me.name;
  return (
    <Panel title={`Proposal #${p.id}`} actions={<span class={`badge proposal-${p.status}`}>{p.status}</span>}>
      <dl class="facts">
        <div>
          <dt>Proposed by</dt>
          <dd>{p.createdBy}</dd>
        </div>
        <div>
          <dt>On</dt>
          <dd>{time(p.createdAt)}</dd>
        </div>
        <div>
          <dt>Decided by</dt>
          <dd>{p.decidedBy ?? '—'}</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd>{time(p.decidedAt)}</dd>
        </div>
      </dl>
      {p.note && <p class="note">“{p.note}”</p>}
      {p.reason && <p class="muted">Decision: {p.reason}</p>}
      {p.warnings.map((w) => (
        <p class="notice notice-warn" key={w}>
          {w}
        </p>
      ))}
      <ErrorNotice error={error} />
      {p.status === 'pending' && isAdmin && (
        <div class="decide">
          {mine ? (
            <p class="muted">You proposed this change: another admin approves or rejects it.</p>
          ) : (
            <>
              <label class="stack">
                <span>Comment (optional)</span>
                <input
                  type="text"
                  value={reason}
                  maxLength={500}
                  onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                />
              </label>
              <div class="actions">
                <button type="button" class="primary" disabled={busy} onClick={() => void decide('approve')}>
                  Approve and apply
                </button>
                <button type="button" class="danger" disabled={busy} onClick={() => void decide('reject')}>
                  Reject
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {pending && (
        <>
          <h3>What-if</h3>
          {whatIf.data ? (
            <WhatIfReport report={whatIf.data} />
          ) : whatIf.error ? (
            <ErrorNotice error={whatIf.error} />
          ) : (
            <p class="muted">Scoring every account both ways…</p>
          )}
        </>
      )}
      <h3>Audit trail</h3>
      <ErrorNotice error={trail.error} />
      <table class="table compact trail" aria-label={`Audit trail of proposal ${p.id}`}>
        <TableHead columns={['When', 'Who', 'Action', 'Outcome']} />
        <tbody>
          {(trail.data?.items ?? []).map((e) => {
            const outcome = typeof e.detail['outcome'] === 'string' ? e.detail['outcome'] : '—';
            return (
              <tr key={e.id}>
                <td class="small">{time(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <span class={`badge outcome-${outcome}`}>{outcome}</span>
                  {typeof e.detail['error'] === 'string' ? (
                    <span class="sub"> {e.detail['error']}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {Object.entries(p.texts).map(([file, text]) => (
        <div key={file} class="diff-box">
          {p.status === 'pending' && current.data ? (
            <SideBySide file={file} before={current.data.files[file] ?? ''} after={text} />
          ) : (
            <p class="muted small">
              {file}:{' '}
              {p.status === 'pending'
                ? 'the current text is shown to admins'
                : `${p.status}; the diff is against the files of its time`}
            </p>
          )}
        </div>
      ))}
    </Panel>
  );
}
