import type { Mappings } from '../../config/mappings/index.ts';
import { prepareScoring, saveScores } from './score-accounts.ts';
import { type AccountScore, type ScoreSummary, summarizeScore } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { readScoringConfig, saveScoringConfig, scoringConfigOf } from './scoring-config.ts';
import {
  type RescoreState,
  type Rescored,
  rescoreAllReason,
  rescoreStateOf,
  saveRescoreState,
} from './rescore-state.ts';
import { scoreDirty } from './score-dirty.ts';
import { hourCrossings } from '../../metrics/hour-crossings.ts';
import { measureSpecs, metricSettings } from '../../metrics/settings.ts';

/** Accounts scored and saved at a time: only their scores' full detail is held at once. */
const SCORE_CHUNK = 500;

/** What a change of the scoring configuration since the last saved scores did, on this run's facts. */
export interface ConfigChange {
  /** Scoring digests (scorecard, SLA targets, ticket category and escalation rules, bug weights) before and after. */
  digestBefore: string;
  digestAfter: string;
  /** The scorecard's content digests (the `+<digest>` of the version) before and after. */
  scorecardBefore: string;
  scorecardAfter: string;
  /** Each account's status on this run's facts under the previous configuration. */
  underPreviousConfig: Map<string, string>;
  /** Accounts whose status the change alone moved, and how (`green->yellow`: count). */
  moved: number;
  byTransition: Record<string, number>;
}

/** Which accounts a run rescores: those it changed, unless something moved every score. */
export interface RescoreInput {
  /** Accounts whose facts, links or fields this run changed (`DirtyAccounts.ids`). */
  dirty: ReadonlySet<string>;
  /** Set when every account must be scored whatever changed (a dry run, a full sync…): why. */
  forced?: string | undefined;
  /** What the latest saved scores were computed at, taken at the run's start (`takeRescoreState`). */
  state?: RescoreState | undefined;
  /**
   * False when the caller needs no summaries if no account is rescored in the same hour (its
   * write-back is settled): then none is read, and `scores` is empty with `unchanged` set.
   */
  summaries?: boolean;
}

/**
 * Scores every account, or only those `rescore.dirty` names when the saved scores are otherwise
 * current (same window anchor, UTC day, scoring configuration and set of accounts: `rescoreAllReason`),
 * and saves those scores (a dry run saves nothing); the previous statuses are
 * read first, for status drops. When the scoring configuration changed since the last saved scores,
 * the accounts are also scored under the previous one (same facts, same `now`, metric queries shared
 * where the measures are the same), so a drop ops made is not blamed on the account. Returns the
 * scores' summaries: their measure detail, most of their size, is in the store.
 */
export async function scoreStage(
  store: Store,
  mappings: Mappings,
  now: number,
  dryRun: boolean,
  rescore: RescoreInput = { dirty: new Set(), forced: 'every account asked for' },
): Promise<{
  scores: ScoreSummary[];
  /** No account was scored and the summaries were not read (`RescoreInput.summaries`). */
  unchanged?: boolean;
  previous: Map<string, string>;
  rescored: Rescored;
  configChange?: ConfigChange;
}> {
  const previous: Map<string, string> = await store.scores.latestStatuses();
  const config = scoringConfigOf(mappings);
  const before = await readScoringConfig(store.meta);
  const cache = new Map<string, Map<string, MetricValue>>();
  const changed = before !== undefined && before.digest !== config.digest && previous.size > 0;
  const list = await store.accounts.list();
  const current = rescoreStateOf(now, config.digest);
  const allReason = rescoreAllReason({
    state: rescore.state,
    current,
    forced: dryRun ? (rescore.forced ?? 'dry run') : rescore.forced,
    previousIds: new Set(previous.keys()),
    accountIds: list.map((a) => a.id),
  });
  if (allReason === undefined && !changed) {
    // Same UTC day: a new hour moves only the accounts with a fact at one of its windows' boundaries.
    const anchor = rescore.state?.anchor ?? current.anchor;
    const crossed =
      anchor === current.anchor
        ? new Set<string>()
        : await store.metrics.accountsCrossing(
            hourCrossings(
              mappings.scorecard.measures.flatMap(measureSpecs),
              metricSettings(mappings),
              anchor,
              now,
            ),
          );
    // In a new hour the alert signals' windows moved: the write stage runs whatever was scored.
    const scored = await scoreDirty(store, mappings, now, list, rescore.dirty, crossed, {
      summaries: anchor !== current.anchor || (rescore.summaries ?? true),
    });
    await store.transaction(async () => {
      await saveInChunks(store, scored.fresh, now);
      await saveRescoreState(store.meta, current);
    });
    return {
      scores: scored.summaries ?? [],
      ...(scored.summaries ? {} : { unchanged: true }),
      previous,
      rescored: {
        accounts: scored.fresh.length,
        of: list.length,
        reason: anchor === current.anchor ? 'changed facts' : 'changed facts, and windows a new hour moved',
        changed: scored.changed,
        crossed: scored.crossed,
      },
    };
  }
  // Scored before this run's snapshot is saved: the previous configuration's trends read history.
  let underPreviousConfig: Map<string, string> | undefined;
  if (changed) {
    const old = await prepareScoring(store, before.mappings, now, { cache, accounts: list });
    underPreviousConfig = new Map(old.accounts.map((a) => [a.id, old.score(a).status as string]));
  }
  const { accounts, score } = await prepareScoring(store, mappings, now, {
    accounts: list,
    ...(changed ? { cache } : {}),
  });
  const scores: ScoreSummary[] = [];
  await store.transaction(async () => {
    for (let i = 0; i < accounts.length; i += SCORE_CHUNK) {
      const chunk = accounts.slice(i, i + SCORE_CHUNK).map(score);
      if (!dryRun) await saveScores(store, chunk, now);
      for (const s of chunk) scores.push(summarizeScore(s));
    }
    if (!dryRun) await store.scores.pruneMissingAccounts();
    if (!dryRun) await saveScoringConfig(store.meta, config);
    if (!dryRun) await saveRescoreState(store.meta, current);
  });
  const rescored: Rescored = {
    accounts: scores.length,
    of: list.length,
    reason: `all: ${allReason ?? 'scoring configuration changed'}`,
  };
  if (!changed || !underPreviousConfig) return { scores, previous, rescored };
  const byTransition: Record<string, number> = {};
  let moved = 0;
  for (const s of scores) {
    const was = underPreviousConfig.get(s.accountId);
    if (was === undefined || was === s.status) continue;
    moved++;
    const key = `${was}->${s.status}`;
    byTransition[key] = (byTransition[key] ?? 0) + 1;
  }
  return {
    scores,
    previous,
    rescored,
    configChange: {
      digestBefore: before.digest,
      digestAfter: config.digest,
      scorecardBefore: before.scorecardDigest,
      scorecardAfter: config.scorecardDigest,
      underPreviousConfig,
      moved,
      byTransition,
    },
  };
}

async function saveInChunks(store: Store, scores: AccountScore[], now: number): Promise<void> {
  for (let i = 0; i < scores.length; i += SCORE_CHUNK)
    await saveScores(store, scores.slice(i, i + SCORE_CHUNK), now);
}
