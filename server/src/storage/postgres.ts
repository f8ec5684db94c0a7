/**
 * The shared storage for several relay nodes: PostgreSQL through `pg` (a pool per process).
 *
 * Sequence numbers are per board, from a counter row (`board_seqs`) that an append locks until it
 * commits. So numbers are handed out in commit order: once any node has seen sequence n, every
 * sequence below n is committed too, and `compact(…, upToSeq)` cannot delete an update that a
 * slower transaction commits later with a smaller number (a global bigserial would allow that).
 *
 * Durability: each write resolves after COMMIT returns, which with `synchronous_commit` on (the
 * server default; see `DURABLE_COMMIT`) means the WAL is flushed.
 */
import { Role } from '@truenorth/shared';
import pg from 'pg';
import { z } from 'zod';
import { BoardRow, SnapshotMetaRow } from './rows.js';
import type { BoardRecord, SnapshotRecord, Storage, StoredDoc } from './types.js';

/** Connections per process; the relay's writes are short single statements. */
export const POOL_SIZE = 10;
/** How long a start (or a query waiting for a free connection) may wait to connect. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface PostgresOptions {
  /** Schema holding the tables (created if missing). Default: the URL's `?schema=`, else `public`. */
  schema?: string;
  /** Errors of idle pooled connections (the server restarting); they never reject a call. */
  onError?: (error: Error) => void;
}

/** Schema migrations, applied in order; `truenorth_migrations` records each version applied. */
const MIGRATIONS: readonly ((s: string) => string)[] = [
  // Timestamps stay ISO 8601 text, as given, like SQLite: the API round-trips them unchanged.
  (s) => `
  CREATE TABLE ${s}.boards (
    id text PRIMARY KEY,
    title text NOT NULL,
    template text NOT NULL,
    created_at text NOT NULL,
    facilitator_hash text NOT NULL,
    participant_hash text NOT NULL,
    observer_hash text NOT NULL
  );
  CREATE TABLE ${s}.board_seqs (
    board_id text PRIMARY KEY,
    last_seq bigint NOT NULL
  );
  CREATE TABLE ${s}.updates (
    board_id text NOT NULL,
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  CREATE TABLE ${s}.states (
    board_id text PRIMARY KEY,
    data bytea NOT NULL,
    up_to_seq bigint NOT NULL
  );
  CREATE TABLE ${s}.snapshots (
    id text PRIMARY KEY,
    board_id text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    created_at text NOT NULL,
    created_by text,
    size integer NOT NULL,
    data bytea NOT NULL,
    inserted bigserial NOT NULL
  );
  CREATE INDEX snapshots_by_board ON ${s}.snapshots (board_id, created_at);
  `,
  // The facilitator's workshop state per board, with a version for optimistic saves.
  (s) => `
  CREATE TABLE ${s}.workshops (
    board_id text PRIMARY KEY,
    state jsonb NOT NULL,
    version bigint NOT NULL
  );
  `,
  // A restore point names the snapshot restored right after it, so restoring it undoes that restore.
  (s) => `ALTER TABLE ${s}.snapshots ADD COLUMN restore_of text;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * A session whose server default is `off` would acknowledge commits that a crash can lose; raise
 * it to `on` for our connections. Other values (`remote_apply`, …) are at least as strong: kept.
 */
const DURABLE_COMMIT =
  "SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'";

const SchemaName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'expected letters, digits and _ (at most 63, not first a digit)');

/** int8 arrives as a string from `pg`; parsed to a safe integer. */
const Seq = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform(Number)
  .refine(Number.isSafeInteger, 'sequence out of range');

const Blob = z.instanceof(Uint8Array);

const WorkshopRow = z.object({ state: z.unknown(), version: Seq });
const VersionRow = z.object({ version: Seq });

const DocRow = z.object({ is_state: z.boolean(), seq: Seq, data: Blob });

/** A Buffer from `pg` viewed as a plain Uint8Array (no copy). */
function bytes(value: unknown): Uint8Array {
  const b = Blob.parse(value);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** `host:port/database` of a URL, never its password. */
function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function schemaOf(url: string, explicit: string | undefined): string {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(url).searchParams.get('schema');
  } catch {
    // pg reports the bad URL itself, with a clearer message.
  }
  const parsed = SchemaName.safeParse(explicit ?? fromUrl ?? 'public');
  if (!parsed.success) throw new Error(`PostgreSQL schema name: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * All of it in one transaction under an advisory lock per schema: nodes starting together wait for
 * the first, then find the versions applied and do nothing (DDL is transactional in PostgreSQL).
 */
async function migrate(client: pg.PoolClient, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`truenorth_migrations:${schema}`]);
    // Created only when missing: CREATE SCHEMA checks the database privilege even with IF NOT
    // EXISTS, and a role may own its tables without being allowed to create schemas.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.truenorth_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query(
      `SELECT COALESCE(MAX(version), 0) AS v FROM ${s}.truenorth_migrations`,
    );
    const version = Seq.parse(rows[0]?.v);
    if (version > MIGRATIONS.length) {
      throw new Error(
        `schema ${schema} has version ${version}, newer than this server knows (${MIGRATIONS.length})`,
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v]!(s));
      await client.query(`INSERT INTO ${s}.truenorth_migrations (version) VALUES ($1)`, [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Open the pool, migrate the schema; rejects with a clear message when PostgreSQL is unreachable. */
export async function openPostgresStorage(url: string, opts: PostgresOptions = {}): Promise<Storage> {
  const schema = schemaOf(url, opts.schema);
  const s = `"${schema}"`;
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // Awaited by the pool before the connection is handed out.
    onConnect: async (client) => {
      await client.query(DURABLE_COMMIT);
    },
  });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => opts.onError?.(error));

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to PostgreSQL at ${describeTarget(url)}: ${reason}`);
  }
  try {
    await migrate(client, schema);
  } catch (error) {
    client.release();
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();

  const hashColumn: Record<Role, string> = {
    facilitator: 'facilitator_hash',
    participant: 'participant_hash',
    observer: 'observer_hash',
  };

  let closed = false;
  const query = (text: string, values?: unknown[]) => {
    if (closed) return Promise.reject(new Error('storage is closed'));
    return pool.query(text, values);
  };

  /** Runs `work` in one transaction on one connection. */
  const transaction = async (work: (c: pg.PoolClient) => Promise<void>) => {
    if (closed) throw new Error('storage is closed');
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await work(c);
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      c.release();
    }
  };

  return {
    kind: 'postgres',

    async createBoard(board: BoardRecord) {
      await query(
        `INSERT INTO ${s}.boards (id, title, template, created_at, facilitator_hash, participant_hash, observer_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          board.id,
          board.title,
          board.template,
          board.createdAt,
          board.tokenHashes.facilitator,
          board.tokenHashes.participant,
          board.tokenHashes.observer,
        ],
      );
    },

    async getBoard(id) {
      const { rows } = await query(`SELECT * FROM ${s}.boards WHERE id = $1`, [id]);
      if (rows.length === 0) return null;
      return BoardRow.parse(rows[0]);
    },

    async setTokenHash(id, role, hash) {
      const column = hashColumn[Role.parse(role)];
      const result = await query(`UPDATE ${s}.boards SET ${column} = $1 WHERE id = $2`, [hash, id]);
      if (result.rowCount === 0) throw new Error(`no board ${id}`);
    },

    async setTitle(id, title) {
      const result = await query(`UPDATE ${s}.boards SET title = $1 WHERE id = $2`, [title, id]);
      if (result.rowCount === 0) throw new Error(`no board ${id}`);
    },

    async appendUpdate(boardId, update) {
      // One statement, so one implicit transaction: the counter row stays locked until the insert
      // commits (see the header), and the promise resolves only after that commit.
      const { rows } = await query(
        `WITH next AS (
           INSERT INTO ${s}.board_seqs AS b (board_id, last_seq) VALUES ($1, 1)
           ON CONFLICT (board_id) DO UPDATE SET last_seq = b.last_seq + 1
           RETURNING last_seq
         )
         INSERT INTO ${s}.updates (board_id, seq, data) SELECT $1, last_seq, $2 FROM next RETURNING seq`,
        [boardId, update],
      );
      return Seq.parse(rows[0]?.seq);
    },

    async loadDoc(boardId): Promise<StoredDoc> {
      // One statement sees one snapshot: a compaction committing meanwhile cannot make the state
      // and the updates after it disagree.
      const { rows } = await query(
        `WITH st AS (SELECT data, up_to_seq FROM ${s}.states WHERE board_id = $1)
         SELECT true AS is_state, up_to_seq AS seq, data FROM st
         UNION ALL
         SELECT false, u.seq, u.data FROM ${s}.updates u
         WHERE u.board_id = $1 AND u.seq > COALESCE((SELECT up_to_seq FROM st), 0)
         ORDER BY is_state DESC, seq`,
        [boardId],
      );
      let state: Uint8Array | null = null;
      const updates: Uint8Array[] = [];
      let lastSeq = 0;
      for (const raw of rows) {
        const row = DocRow.parse(raw);
        if (row.is_state) state = bytes(row.data);
        else updates.push(bytes(row.data));
        lastSeq = row.seq;
      }
      return { state, updates, lastSeq };
    },

    async compact(boardId, state, upToSeq) {
      const upTo = Seq.parse(upToSeq);
      await transaction(async (c) => {
        // The counter row first, as appends do (one lock order, no deadlock); raising it keeps
        // later appends above `upToSeq` even for a state stored without appends.
        await c.query(
          `INSERT INTO ${s}.board_seqs AS b (board_id, last_seq) VALUES ($1, $2)
           ON CONFLICT (board_id) DO UPDATE SET last_seq = GREATEST(b.last_seq, EXCLUDED.last_seq)`,
          [boardId, upTo],
        );
        await c.query(
          `INSERT INTO ${s}.states AS st (board_id, data, up_to_seq) VALUES ($1, $2, $3)
           ON CONFLICT (board_id) DO UPDATE SET data = EXCLUDED.data, up_to_seq = EXCLUDED.up_to_seq
           WHERE st.up_to_seq <= EXCLUDED.up_to_seq`,
          [boardId, state, upTo],
        );
        await c.query(`DELETE FROM ${s}.updates WHERE board_id = $1 AND seq <= $2`, [boardId, upTo]);
      });
    },

    async saveSnapshot(snap: SnapshotRecord) {
      await query(
        `INSERT INTO ${s}.snapshots (id, board_id, name, kind, created_at, created_by, size, data, restore_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          snap.id,
          snap.boardId,
          snap.name,
          snap.kind,
          snap.createdAt,
          snap.createdBy,
          snap.update.byteLength,
          snap.update,
          snap.restoreOf ?? null,
        ],
      );
    },

    async listSnapshots(boardId) {
      const { rows } = await query(
        `SELECT id, board_id, name, kind, created_at, created_by, size, restore_of FROM ${s}.snapshots
         WHERE board_id = $1 ORDER BY created_at DESC, inserted DESC`,
        [boardId],
      );
      return rows.map((row) => SnapshotMetaRow.parse(row));
    },

    async getSnapshot(boardId, id) {
      const { rows } = await query(
        `SELECT id, board_id, name, kind, created_at, created_by, size, data, restore_of FROM ${s}.snapshots
         WHERE board_id = $1 AND id = $2`,
        [boardId, id],
      );
      const row = rows[0] as Record<string, unknown> | undefined;
      if (row === undefined) return null;
      return { ...SnapshotMetaRow.parse(row), update: bytes(row.data) };
    },

    async deleteSnapshots(boardId, ids) {
      if (ids.length === 0) return 0;
      const { rowCount } = await query(
        `DELETE FROM ${s}.snapshots WHERE board_id = $1 AND id = ANY($2::text[])`,
        [boardId, [...ids]],
      );
      return rowCount ?? 0;
    },

    async loadWorkshop(boardId) {
      const { rows } = await query(`SELECT state, version FROM ${s}.workshops WHERE board_id = $1`, [
        boardId,
      ]);
      if (rows.length === 0) return null;
      const r = WorkshopRow.parse(rows[0]);
      return { state: r.state, version: r.version };
    },

    async saveWorkshop(boardId, state, expectedVersion) {
      const expected = Seq.parse(expectedVersion);
      const json = JSON.stringify(state) ?? 'null';
      // One statement each: the row lock makes a concurrent save wait, then see the new version.
      const { rows } =
        expected === 0
          ? await query(
              `INSERT INTO ${s}.workshops (board_id, state, version) VALUES ($1, $2::jsonb, 1)
               ON CONFLICT (board_id) DO NOTHING RETURNING version`,
              [boardId, json],
            )
          : await query(
              `UPDATE ${s}.workshops SET state = $2::jsonb, version = version + 1
               WHERE board_id = $1 AND version = $3 RETURNING version`,
              [boardId, json, expected],
            );
      return rows.length === 1 ? VersionRow.parse(rows[0]).version : null;
    },

    async close() {
      if (closed) return;
      closed = true;
      // Waits for connections still in use to be released, so writes in flight finish first.
      await pool.end();
    },
  };
}
