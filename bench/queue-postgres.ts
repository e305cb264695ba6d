/**
 * What bench/queue.ts asks Postgres: the connections the workers hold (pg_stat_activity, matched to
 * the workers' own sockets through /proc, so other clients of the database are not counted), each
 * tenant's scores and run record, and the schemas to drop at the end.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type pg from 'pg';

/** The local TCP ports of the sockets a process holds open (Linux: /proc/<pid>/fd and /proc/net/tcp*). */
export function localPortsOf(pids: readonly number[]): Set<number> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone
    }
    for (const fd of fds)
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (f.length > 9 && inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

export interface ConnectionSample {
  /** Connections of the worker processes. */
  workers: number;
  /** Every client connection to the database (the bench's own and any other client's included). */
  database: number;
}

export async function sampleConnections(
  client: pg.Client,
  workerPids: readonly number[],
): Promise<ConnectionSample> {
  const { rows } = await client.query<{ client_port: number | null }>(
    `SELECT client_port FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  const ports = localPortsOf(workerPids);
  return {
    workers: rows.filter((r) => r.client_port !== null && ports.has(r.client_port)).length,
    database: rows.length + 1,
  };
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function countScores(client: pg.Client, schema: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(schema)}.scores`);
  return Number(rows[0]!.n);
}

/** The run record's per-source stats of a tenant's run (the store keeps them as JSON text). */
export async function runStats(
  client: pg.Client,
  schema: string,
  runId: number,
): Promise<{ sources: Record<string, { apiCalls: number }> } | undefined> {
  const { rows } = await client.query<{ stats: string }>(
    `SELECT stats FROM ${ident(schema)}.runs WHERE id = $1`,
    [runId],
  );
  return rows[0]
    ? (JSON.parse(rows[0].stats) as { sources: Record<string, { apiCalls: number }> })
    : undefined;
}

export async function dropSchemas(client: pg.Client, schemas: readonly string[]): Promise<void> {
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${ident(s)} CASCADE`);
}
