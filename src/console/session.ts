/**
 * The signed-in token: held in memory, and in sessionStorage so that a reload of the tab keeps it
 * (it dies with the tab; it is never put in a URL, a cookie or a log).
 */
const KEY = 'health-sync.token';

let token: string | undefined = readStored();

function readStored(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const currentToken = (): string | undefined => token;

export function signIn(next: string): void {
  token = next;
  try {
    sessionStorage.setItem(KEY, next);
  } catch {
    // Storage refused (private mode): the token stays in memory only.
  }
}

export function signOut(): void {
  token = undefined;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
