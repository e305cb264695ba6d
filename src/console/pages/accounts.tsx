import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Ok, type Query } from '../api/client.ts';
import { ErrorNotice, Panel } from '../components/notice.tsx';
import { ScoreHistogram } from '../components/score-histogram.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Trend } from '../components/trend.tsx';
import { STATUS_LABEL, count, score } from '../format.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

type Sort = NonNullable<Query<'getAccounts'>['sort']>;
type Status = Ok<'getAccounts'>['items'][number]['status'];
const STATUSES: Status[] = ['red', 'yellow', 'green', 'insufficient_data', 'unscored'];
const PAGE = 50;

const COLUMNS: { key: Sort; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Account' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'trend7d', label: '7 days', numeric: true },
  { key: 'trend30d', label: '30 days', numeric: true },
  { key: 'tier', label: 'Tier' },
  { key: 'owner', label: 'Owner' },
];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function AccountsPage() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 200);
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [tier, setTier] = useState<string | undefined>(undefined);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  const [sort, setSort] = useState<{ key: Sort; order: 'asc' | 'desc' }>({ key: 'score', order: 'asc' });
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [q, statuses, tier, owner, sort]);

  const list = useApi(
    () =>
      unwrap(
        api.GET('/accounts', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(statuses.length ? { status: statuses.join(',') } : {}),
              ...(tier === undefined ? {} : { tier }),
              ...(owner === undefined ? {} : { owner }),
              sort: sort.key,
              order: sort.order,
              limit: String(PAGE),
              offset: String(offset),
            },
          },
        }),
      ),
    [q, statuses, tier, owner, sort, offset],
  );
  const page = list.data;
  const toggle = (s: Status): void =>
    setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  const sortBy = (key: Sort): void =>
    setSort((cur) => ({ key, order: cur.key === key && cur.order === 'asc' ? 'desc' : 'asc' }));

  return (
    <div class="page">
      <div class="page-head">
        <h1>Accounts</h1>
        <p class="muted">
          {page ? `${count(page.total)} accounts` : 'Loading…'}
          {list.loading && page ? ' · updating…' : ''}
        </p>
      </div>
      <ErrorNotice error={list.error} />
      <div class="grid-2">
        <Panel title="By status">
          <div class="status-chips" role="group" aria-label="Filter by status">
            {STATUSES.map((s) => (
              <button
                type="button"
                class={`chip chip-${s}`}
                aria-pressed={statuses.includes(s)}
                onClick={() => toggle(s)}
                key={s}
              >
                <span class="chip-count">{page ? count(page.counts[s] ?? 0) : '…'}</span>
                <span class="chip-label">{STATUS_LABEL[s]}</span>
              </button>
            ))}
          </div>
          <p class="muted small hint">
            Click a status to show only its accounts (several combine); click a tier or an owner in the table
            to filter by it. Counts and the histogram follow the search and those filters.
          </p>
          {(tier !== undefined || owner !== undefined) && (
            <p class="filters-active">
              {tier !== undefined && (
                <button type="button" class="tag" onClick={() => setTier(undefined)}>
                  tier: {tier} ✕
                </button>
              )}
              {owner !== undefined && (
                <button type="button" class="tag" onClick={() => setOwner(undefined)}>
                  owner: {owner} ✕
                </button>
              )}
            </p>
          )}
        </Panel>
        <Panel title="Score distribution">{page && <ScoreHistogram bins={page.histogram} />}</Panel>
      </div>
      <Panel
        title="All accounts"
        actions={
          <input
            type="search"
            class="search"
            placeholder="Search by name"
            aria-label="Search accounts by name"
            value={search}
            onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          />
        }
      >
        <table class="table">
          <thead>
            <tr>
              {COLUMNS.slice(0, 1).map((c) => (
                <SortHeader key={c.key} col={c} sort={sort} onSort={sortBy} />
              ))}
              <th scope="col">Status</th>
              {COLUMNS.slice(1).map((c) => (
                <SortHeader key={c.key} col={c} sort={sort} onSort={sortBy} />
              ))}
              <th scope="col">Top driver</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((a) => (
              <tr key={a.accountId}>
                <td>
                  <a href={href('accounts', a.accountId)} class="strong">
                    {a.name}
                  </a>
                  <div class="sub">{a.accountId}</div>
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td class="num strong">{score(a.score)}</td>
                <td class="num">
                  <Trend value={a.trend7d} label="change over 7 days" />
                </td>
                <td class="num">
                  <Trend value={a.trend30d} label="change over 30 days" />
                </td>
                <td>
                  {a.tier ? (
                    <button type="button" class="link" onClick={() => setTier(a.tier ?? undefined)}>
                      {a.tier}
                    </button>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td>
                  {a.ownerId ? (
                    <button type="button" class="link" onClick={() => setOwner(a.ownerId ?? undefined)}>
                      {a.ownerId}
                    </button>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td class="driver">{a.topDriver ?? <span class="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p class="empty">No account matches.</p>}
        {page && (
          <nav class="pager" aria-label="Pages">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              ← Previous
            </button>
            <span>
              {page.total === 0 ? 0 : count(offset + 1)}–{count(Math.min(offset + PAGE, page.total))} of{' '}
              {count(page.total)}
            </span>
            <button
              type="button"
              disabled={offset + PAGE >= page.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next →
            </button>
          </nav>
        )}
      </Panel>
    </div>
  );
}

function SortHeader({
  col,
  sort,
  onSort,
}: {
  col: { key: Sort; label: string; numeric?: boolean };
  sort: { key: Sort; order: 'asc' | 'desc' };
  onSort: (key: Sort) => void;
}) {
  const active = sort.key === col.key;
  return (
    <th
      scope="col"
      class={col.numeric ? 'num' : ''}
      aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" class="sort" onClick={() => onSort(col.key)}>
        {col.label}
        <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ↑' : ' ↓') : ''}</span>
      </button>
    </th>
  );
}
