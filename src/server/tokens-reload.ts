import { basename } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { changedAnything } from './token-changes.ts';
import { loadTokenFile, type TokenRegistry } from './tokens.ts';

/**
 * Reloads ADMIN_TOKENS_FILE (SIGHUP). Every reload leaves an audit row: the tokens added, removed,
 * re-roled or replaced, by holder name (never a hash), or why the file was refused, in which case the
 * tokens in force stay.
 */
export async function reloadTokens(deps: {
  file: string;
  tokens: TokenRegistry;
  store: Pick<Store, 'audit'>;
  logger: Logger;
  origin: string;
  now: () => number;
  /** The tenants the process serves: a token bound to another one makes the file invalid. */
  tenantIds?: readonly string[];
}): Promise<void> {
  const { file, tokens, logger } = deps;
  const row = async (detail: Record<string, unknown>): Promise<void> => {
    try {
      await deps.store.audit.append({
        at: deps.now(),
        actor: `system:${deps.origin}`,
        action: 'tokens.reload',
        target: basename(file),
        beforeDigest: null,
        afterDigest: null,
        detail,
      });
    } catch (err) {
      logger.error({ err }, 'cannot write the audit log');
    }
  };
  try {
    const changes = tokens.replace(await loadTokenFile(file, deps.tenantIds));
    const names = {
      added: changes.added.map((t) => t.name),
      removed: changes.removed.map((t) => t.name),
      roleChanged: changes.roleChanged.map((t) => `${t.name} (${t.from} → ${t.to})`),
      replaced: changes.replaced,
      ...(changes.tenantsChanged.length ? { tenantsChanged: changes.tenantsChanged } : {}),
    };
    logger.info(
      { tokens: tokens.size(), ...names },
      changedAnything(changes) ? 'admin tokens reloaded' : 'admin tokens reloaded, nothing changed',
    );
    // A row of an install without tenants reads as it always has: the key only when a binding changed.
    const { tenantsChanged, ...rest } = changes;
    await row({
      outcome: 'ok',
      tokens: tokens.size(),
      ...rest,
      ...(tenantsChanged.length ? { tenantsChanged } : {}),
    });
  } catch (err) {
    const problems = err instanceof ConfigError ? err.problems.length : 1;
    logger.warn(
      { err: (err as Error).message },
      'admin tokens not reloaded, the previous ones stay in force',
    );
    await row({ outcome: 'invalid', problems, tokens: tokens.size() });
  }
}
