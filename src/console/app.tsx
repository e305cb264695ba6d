import { useEffect, useState } from 'preact/hooks';
import { api, unwrap } from './api/client.ts';
import { AccountPage } from './pages/account.tsx';
import { AccountsPage } from './pages/accounts.tsx';
import { AuditPage } from './pages/audit.tsx';
import { EditorPage } from './pages/editor.tsx';
import { ProposalsPage } from './pages/proposals.tsx';
import { RunsPage } from './pages/runs.tsx';
import { UnmatchedPage } from './pages/unmatched.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { MeContext, type Me } from './role.ts';
import { href, useRoute } from './router.ts';
import { chooseTenant, currentToken, signOut } from './session.ts';

const NAV: { page: string; label: string; admin?: boolean }[] = [
  { page: 'accounts', label: 'Accounts' },
  { page: 'runs', label: 'Runs' },
  { page: 'editor', label: 'Scorecard', admin: true },
  { page: 'proposals', label: 'Proposals' },
  { page: 'unmatched', label: 'Unmatched' },
  { page: 'audit', label: 'Audit' },
];

export function App() {
  const [me, setSignedIn] = useState<Me | undefined>(undefined);
  const [tenant, setTenant] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(currentToken() !== undefined);
  const setMe = (m: Me | undefined): void => {
    if (m) setTenant(chooseTenant(m.tenants));
    setSignedIn(m);
  };
  useEffect(() => {
    if (!currentToken()) return;
    unwrap(api.GET('/me')).then(
      (m) => {
        setMe(m);
        setChecking(false);
      },
      () => {
        signOut();
        setChecking(false);
      },
    );
  }, []);
  const route = useRoute();
  if (checking) return <main class="signin" aria-busy="true" />;
  if (!me) return <SignIn onSignedIn={setMe} />;
  return (
    <MeContext.Provider value={me}>
      <header class="topbar">
        <a class="brand" href={href('accounts')}>
          <span class="brand-mark" aria-hidden="true" />
          health-sync
        </a>
        <nav aria-label="Pages">
          {NAV.filter((n) => !n.admin || me.role === 'admin').map((n) => (
            <a key={n.page} href={href(n.page)} aria-current={route.page === n.page ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        {me.tenants.length > 1 && tenant !== undefined && (
          <label class="tenant-switch">
            Client
            <select
              value={tenant}
              onChange={(e) => setTenant(chooseTenant(me.tenants, e.currentTarget.value))}
            >
              {me.tenants.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        <div class="whoami">
          <span>
            {me.name} <span class={`role role-${me.role}`}>{me.role}</span>
          </span>
          <button
            type="button"
            class="link"
            onClick={() => {
              signOut();
              setMe(undefined);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      {/* Another client company: every page fetches its data again, from that tenant's routes. */}
      <main class="content" key={tenant}>
        <Page page={route.page} id={route.id} />
      </main>
    </MeContext.Provider>
  );
}

function Page({ page, id }: { page: string; id: string | undefined }) {
  if (page === 'accounts' && id !== undefined) return <AccountPage id={id} />;
  if (page === 'runs') return <RunsPage id={id} />;
  if (page === 'audit') return <AuditPage />;
  if (page === 'unmatched') return <UnmatchedPage />;
  if (page === 'editor') return <EditorPage />;
  if (page === 'proposals') return <ProposalsPage id={id} />;
  return <AccountsPage />;
}
