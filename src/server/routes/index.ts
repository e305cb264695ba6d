import type { AnyRoute } from '../mount.ts';
import { accountEvidence } from './account-evidence.ts';
import { accountHealth } from './account-health.ts';
import { accountsList } from './accounts-list.ts';
import { me } from './me.ts';
import { auditList } from './audit-list.ts';
import { healthz } from './healthz.ts';
import { mappingsFiles } from './mappings-files.ts';
import { mappingsPreview } from './mappings-preview.ts';
import { mappingsValidate } from './mappings-validate.ts';
import { metrics } from './metrics.ts';
import { proposalsApprove } from './proposals-approve.ts';
import { proposalsAudit } from './proposals-audit.ts';
import { proposalsCreate } from './proposals-create.ts';
import { proposalsGet } from './proposals-get.ts';
import { proposalsList } from './proposals-list.ts';
import { proposalsReject } from './proposals-reject.ts';
import { readyz } from './readyz.ts';
import { runsGet } from './runs-get.ts';
import { runsList } from './runs-list.ts';
import { runsLive } from './runs-live.ts';
import { runsTrigger } from './runs-trigger.ts';
import { unmatchedGet } from './unmatched.ts';

/** Every route of the admin API (GET /openapi.json is added by the app and describes these). */
export const ROUTES: AnyRoute[] = [
  healthz,
  readyz,
  metrics,
  runsList,
  runsLive,
  runsGet,
  runsTrigger,
  unmatchedGet,
  me,
  accountsList,
  accountHealth,
  accountEvidence,
  mappingsFiles,
  mappingsValidate,
  mappingsPreview,
  proposalsList,
  proposalsCreate,
  proposalsGet,
  proposalsAudit,
  proposalsApprove,
  proposalsReject,
  auditList,
];
