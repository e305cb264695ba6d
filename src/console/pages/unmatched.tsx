import { api, unwrap } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { count } from '../format.ts';
import { useApi } from '../use-api.ts';
import { TableHead } from '../components/table-head.tsx';

/** What is linked to no account now, per source and rule, and the keys behind it. */
export function UnmatchedPage() {
  const report = useApi(() => unwrap(api.GET('/unmatched', { params: { query: { limit: '10' } } })), []);
  const r = report.data;
  const rules = Object.entries(r?.unlinked ?? {}).flatMap(([source, byRule]) =>
    Object.entries(byRule).map(([rule, n]) => ({ source, rule, n })),
  );
  return (
    <div class="page">
      <div class="page-head">
        <h1>Unmatched</h1>
        <p class="muted">Facts no rule of accounts.yaml links to an account: counted, never dropped.</p>
      </div>
      <ErrorNotice error={report.error} />
      <div class="grid-2">
        <Panel title="Unlinked now, by source and rule">
          <table class="table compact">
            <TableHead columns={['Source', 'First rule that found nothing', { label: 'Facts', num: true }]} />
            <tbody>
              {rules.map((x) => (
                <tr key={`${x.source}/${x.rule}`}>
                  <td class="strong">{x.source}</td>
                  <td>
                    <code>{x.rule}</code>
                  </td>
                  <td class="num">{count(x.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r && rules.length === 0 && <p class="empty">Everything is linked.</p>}
        </Panel>
        <Panel title="Top unmatched keys">
          {r?.zendesk && (
            <>
              <h3>Zendesk organizations (link by external_id)</h3>
              <ul class="keys">
                {r.zendesk.organizations.map((o) => (
                  <li key={o.id}>
                    <span class="strong">{o.name ?? o.id}</span>{' '}
                    <code>{o.externalId ?? 'no external_id'}</code> · {count(o.tickets)} tickets
                  </li>
                ))}
              </ul>
              <h3>Requester email domains (a domain rule would link them)</h3>
              <ul class="keys">
                {r.zendesk.emailDomains.map((d) => (
                  <li key={d.domain}>
                    <code>{d.domain}</code> · {count(d.tickets)} tickets
                  </li>
                ))}
              </ul>
            </>
          )}
          {r?.jira && (
            <>
              <h3>Jira account references</h3>
              <ul class="keys">
                {r.jira.accountRefs.map((a) => (
                  <li key={a.ref}>
                    <code>{a.ref}</code> · {count(a.issues)} issues
                  </li>
                ))}
              </ul>
            </>
          )}
          {r?.genesys && (
            <>
              <h3>Genesys external organizations</h3>
              <ul class="keys">
                {r.genesys.externalOrgIds.map((g) => (
                  <li key={g.id}>
                    <code>{g.id}</code> · {count(g.calls)} calls
                  </li>
                ))}
              </ul>
              <p class="muted small">
                {count(r.genesys.distinctCallers)} distinct caller numbers (kept hashed, never shown) ·{' '}
                {count(r.genesys.callsWithoutKey)} calls without a key
              </p>
            </>
          )}
        </Panel>
      </div>
      {r && r.suggestions.length > 0 && (
        <Panel title="Suggested fixes">
          <p class="muted small">
            For the top keys: the rule to add under <code>rules:</code> in accounts.yaml (or the line to
            change), or the fix in the source's own data. Changing accounts.yaml goes through the Scorecard
            editor and a second admin.
          </p>
          <ul class="suggestions">
            {r.suggestions.map((s) => (
              <li key={`${s.source}:${s.key}`}>
                <p>
                  <span class="tag">{s.source}</span> <span class="strong">{s.key}</span> · {count(s.facts)}{' '}
                  unlinked — {s.fix}
                </p>
                {s.yaml && (
                  <pre class="yaml-snippet" aria-label={`accounts.yaml for ${s.key}`}>
                    {s.yaml}
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </div>
  );
}
