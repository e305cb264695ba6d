import { useState } from 'preact/hooks';
import { api, unwrap } from '../api/client.ts';
import type { Me } from '../role.ts';
import { signIn, signOut } from '../session.ts';

/** Paste a token; it is checked against GET /me before the console keeps it. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    signIn(token.trim());
    try {
      onSignedIn(await unwrap(api.GET('/me')));
    } catch (err) {
      signOut();
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form class="signin-card" onSubmit={(e) => void submit(e)}>
        <div class="brand brand-big">
          <span class="brand-mark" aria-hidden="true" />
          health-sync
        </div>
        <h1>Sign in to the console</h1>
        <p class="muted">Paste an admin API token (viewer, operator or admin). It stays in this tab only.</p>
        <label for="token">Token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          required
        />
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
