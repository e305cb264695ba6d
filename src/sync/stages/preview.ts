import type { Mappings } from '../../config/mappings/index.ts';
import { provenanceVersion } from '../../config/mappings/provenance.ts';
import type { MetricValue } from '../../metrics/types.ts';
import type { Store } from '../../store/store.ts';
import { type AccountPreview, type MappingPreview, buildMappingPreview } from '../../score/preview-report.ts';
import type { Reread } from '../../facts/reread.ts';
import { previewWrites } from '../../writeback/preview-writes.ts';
import { scoreAccounts } from './score-accounts.ts';

type PreviewStore = Pick<Store, 'accounts' | 'metrics' | 'scores'> & Partial<Pick<Store, 'confirmedValues'>>;
/** With salesforce.yaml on both sides (and confirmed values in the store), the preview also counts the writes. */
type ScoringMappings = Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'> &
  Partial<Pick<Mappings, 'salesforce'>>;

/** One account's breakdown at `now`, computed live (nothing is written); undefined for an unknown account. */
export async function previewAccount(
  store: PreviewStore,
  mappings: ScoringMappings,
  accountId: string,
  now: number,
): Promise<AccountPreview | undefined> {
  const account = await store.accounts.get(accountId);
  const [score] = await scoreAccounts(store, mappings, now, { accountId });
  if (!account || !score) return undefined;
  return {
    account: { id: account.id, name: account.name, tier: account.tier },
    score,
    saved: (await store.scores.latest(accountId)) ?? null,
  };
}

/**
 * What-if: scores every account with the current and the proposed mappings over the same stored
 * facts and `now`, and reports the differences. Reads only. Metric queries whose inputs are the same
 * under both mappings run once.
 */
export async function previewMappings(
  store: PreviewStore,
  current: ScoringMappings,
  proposed: ScoringMappings,
  now: number,
  options: { movers?: number; warnings?: string[]; reread?: Reread[] } = {},
): Promise<MappingPreview> {
  const cache = new Map<string, Map<string, MetricValue>>();
  const before = await scoreAccounts(store, current, now, { cache });
  const after = await scoreAccounts(store, proposed, now, { cache });
  const accounts = await store.accounts.list();
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const report = buildMappingPreview(before, after, names, {
    now,
    currentVersion: provenanceVersion(current.scorecard),
    proposedVersion: provenanceVersion(proposed.scorecard),
    ...(options.movers === undefined ? {} : { movers: options.movers }),
    ...(options.warnings ? { warnings: options.warnings } : {}),
    ...(options.reread ? { reread: options.reread } : {}),
  });
  if (current.salesforce && proposed.salesforce && store.confirmedValues)
    report.writes = previewWrites(
      { scores: before, salesforce: current.salesforce, scorecard: current.scorecard },
      { scores: after, salesforce: proposed.salesforce, scorecard: proposed.scorecard },
      accounts,
      await store.confirmedValues.all(),
      now,
    );
  return report;
}
