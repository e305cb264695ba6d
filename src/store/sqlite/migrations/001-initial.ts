/** The initial schema. Times are epoch milliseconds; JSON columns hold small validated documents. */
export const sql = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE cursors (
  stream TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner_id TEXT,
  tier TEXT,
  domain TEXT,
  phone_key TEXT,
  fields TEXT NOT NULL,
  system_modstamp INTEGER NOT NULL
);
CREATE INDEX accounts_domain ON accounts(domain);
CREATE INDEX accounts_phone_key ON accounts(phone_key);

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT,
  external_id TEXT,
  domains TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  organization_id TEXT,
  requester_key TEXT,
  requester_domain TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  solved_at INTEGER,
  status TEXT NOT NULL,
  priority TEXT,
  channel TEXT,
  category TEXT,
  escalated INTEGER NOT NULL,
  first_reply_minutes REAL,
  full_resolution_minutes REAL,
  replies INTEGER,
  reopens INTEGER,
  sla_breached INTEGER,
  satisfaction TEXT,
  risk_flag INTEGER NOT NULL,
  amount REAL
);
CREATE INDEX tickets_org ON tickets(organization_id);
CREATE INDEX tickets_created ON tickets(created_at);

CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  direction TEXT NOT NULL,
  queue_id TEXT,
  handle_sec REAL,
  talk_sec REAL,
  hold_sec REAL,
  acw_sec REAL,
  abandoned INTEGER NOT NULL,
  transferred INTEGER NOT NULL,
  caller_key TEXT,
  external_org_id TEXT
);
CREATE INDEX calls_started ON calls(started_at);

CREATE TABLE issues (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  priority TEXT,
  status_category TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER,
  account_refs TEXT NOT NULL,
  ticket_refs TEXT NOT NULL
);

-- Which Salesforce Account each fact belongs to, and by which rule of accounts.yaml.
CREATE TABLE account_links (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id, account_id)
);
CREATE INDEX account_links_account ON account_links(account_id, entity);

CREATE TABLE scores (
  account_id TEXT PRIMARY KEY,
  computed_at INTEGER NOT NULL,
  score REAL,
  status TEXT NOT NULL,
  scorecard_version TEXT NOT NULL,
  segment TEXT,
  detail TEXT NOT NULL
);

CREATE TABLE score_history (
  account_id TEXT NOT NULL,
  day TEXT NOT NULL,
  score REAL,
  status TEXT NOT NULL,
  scorecard_version TEXT NOT NULL,
  PRIMARY KEY (account_id, day)
);

-- The last value of each Salesforce field we wrote, and whether Salesforce confirmed it.
CREATE TABLE written_fields (
  account_id TEXT NOT NULL,
  field TEXT NOT NULL,
  confirmed_value TEXT,
  confirmed_at INTEGER,
  attempted_value TEXT,
  attempted_at INTEGER,
  last_error TEXT,
  PRIMARY KEY (account_id, field)
);

-- One row per alert (status drop or escalation signal): the key makes a second Task impossible.
CREATE TABLE alerts (
  key TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  task_id TEXT,
  detail TEXT NOT NULL
);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  trigger TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  status TEXT NOT NULL,
  options TEXT NOT NULL,
  stats TEXT NOT NULL,
  error TEXT
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  before_digest TEXT,
  after_digest TEXT,
  detail TEXT NOT NULL
);
`;
