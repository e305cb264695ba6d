/**
 * The whole schema as SQLite's migrations 1–60 leave it, in Postgres types chosen to answer exactly
 * as SQLite does: times are epoch milliseconds in BIGINT (read back as JS numbers, see database.ts),
 * booleans 0/1 in SMALLINT (so the shared metric SQL compares them alike), reals DOUBLE PRECISION,
 * JSON documents TEXT (parsed by the same code). Text that is ordered or compared uses COLLATE "C":
 * byte order, as SQLite's BINARY collation, whatever the server's locale.
 */
export const sql = `
CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE cursors (
  stream TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE accounts (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  owner_id TEXT COLLATE "C",
  tier TEXT COLLATE "C",
  domain TEXT COLLATE "C",
  phone_key TEXT COLLATE "C",
  fields TEXT NOT NULL,
  system_modstamp BIGINT NOT NULL
);
CREATE INDEX accounts_domain ON accounts(domain);
CREATE INDEX accounts_phone_key ON accounts(phone_key);

CREATE TABLE organizations (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C",
  external_id TEXT COLLATE "C",
  domains TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE tickets (
  id TEXT COLLATE "C" PRIMARY KEY,
  organization_id TEXT COLLATE "C",
  requester_key TEXT COLLATE "C",
  requester_domain TEXT COLLATE "C",
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  solved_at BIGINT,
  status TEXT COLLATE "C" NOT NULL,
  priority TEXT COLLATE "C",
  channel TEXT COLLATE "C",
  category TEXT COLLATE "C",
  escalated SMALLINT NOT NULL,
  first_reply_minutes DOUBLE PRECISION,
  full_resolution_minutes DOUBLE PRECISION,
  replies BIGINT,
  reopens BIGINT,
  sla_breached SMALLINT,
  satisfaction TEXT COLLATE "C",
  risk_flag SMALLINT NOT NULL,
  amount DOUBLE PRECISION
);
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_solved ON tickets(solved_at);
-- Open tickets are few: a partial index finds them without reading the rest.
CREATE INDEX tickets_open ON tickets(created_at) WHERE status IN ('new', 'open', 'pending', 'hold');

CREATE TABLE calls (
  id TEXT COLLATE "C" PRIMARY KEY,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  direction TEXT COLLATE "C" NOT NULL,
  queue_id TEXT COLLATE "C",
  handle_sec DOUBLE PRECISION,
  talk_sec DOUBLE PRECISION,
  hold_sec DOUBLE PRECISION,
  acw_sec DOUBLE PRECISION,
  abandoned SMALLINT NOT NULL,
  transferred SMALLINT NOT NULL,
  caller_key TEXT COLLATE "C",
  external_org_id TEXT COLLATE "C"
);
CREATE INDEX calls_started ON calls(started_at);

CREATE TABLE issues (
  id TEXT COLLATE "C" PRIMARY KEY,
  key TEXT COLLATE "C" NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  priority TEXT COLLATE "C",
  status_category TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  resolved_at BIGINT,
  account_refs TEXT NOT NULL,
  ticket_refs TEXT NOT NULL
);

-- Which Salesforce Account each fact belongs to, and by which rule of accounts.yaml.
CREATE TABLE account_links (
  entity TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL,
  account_id TEXT COLLATE "C" NOT NULL,
  rule TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (entity, entity_id, account_id)
);
CREATE INDEX account_links_account ON account_links(account_id, entity);

CREATE TABLE scores (
  account_id TEXT COLLATE "C" PRIMARY KEY,
  computed_at BIGINT NOT NULL,
  score DOUBLE PRECISION,
  status TEXT COLLATE "C" NOT NULL,
  scorecard_version TEXT COLLATE "C" NOT NULL,
  segment TEXT COLLATE "C",
  detail TEXT NOT NULL
);

CREATE TABLE score_history (
  account_id TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  score DOUBLE PRECISION,
  status TEXT COLLATE "C" NOT NULL,
  scorecard_version TEXT COLLATE "C" NOT NULL,
  rebuilt SMALLINT NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day)
);
CREATE INDEX score_history_day ON score_history(day);

-- The last value of each Salesforce field we wrote, and whether Salesforce confirmed it.
CREATE TABLE written_fields (
  account_id TEXT COLLATE "C" NOT NULL,
  field TEXT COLLATE "C" NOT NULL,
  confirmed_value TEXT,
  confirmed_at BIGINT,
  attempted_value TEXT,
  attempted_at BIGINT,
  last_error TEXT,
  PRIMARY KEY (account_id, field)
);

-- One row per alert (status drop or escalation signal): the key makes a second Task impossible.
CREATE TABLE alerts (
  key TEXT COLLATE "C" PRIMARY KEY,
  account_id TEXT COLLATE "C" NOT NULL,
  rule TEXT COLLATE "C" NOT NULL,
  window_start BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  state TEXT COLLATE "C" NOT NULL,
  task_id TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX alerts_rule_account ON alerts(rule, account_id, created_at);
CREATE INDEX alerts_state ON alerts(state);

-- The status each account's status-drop alerts were last evaluated against.
CREATE TABLE alert_baselines (
  account_id TEXT COLLATE "C" PRIMARY KEY,
  status TEXT NOT NULL,
  evaluated_at BIGINT NOT NULL
);

-- One writer at a time per lease name; a crashed holder's lease expires.
CREATE TABLE write_leases (
  name TEXT COLLATE "C" PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE runs (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  trigger TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  status TEXT NOT NULL,
  options TEXT NOT NULL,
  stats TEXT NOT NULL,
  error TEXT
);

CREATE TABLE audit (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  before_digest TEXT,
  after_digest TEXT,
  detail TEXT NOT NULL
);

CREATE TABLE mapping_proposals (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'rejected', 'failed')),
  files TEXT NOT NULL,
  base_hashes TEXT NOT NULL,
  base_digest TEXT NOT NULL,
  proposed_digest TEXT NOT NULL,
  decided_at BIGINT,
  decided_by TEXT,
  reason TEXT,
  warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX mapping_proposals_status ON mapping_proposals(status, id);
`;
