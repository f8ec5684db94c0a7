/**
 * The PostgreSQL backend against the real server on 127.0.0.1:5432 (database `test`; `.ci/run`
 * starts it). Every storage gets its own schema `tn_test_<random>`, dropped afterwards, so runs in
 * parallel never see each other's rows. Without a reachable server the suite is skipped, saying why.
 */
import { randomBytes } from 'node:crypto';
import { BoardMeta } from '@truenorth/shared';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { describeStorageContract } from '../../src/storage/contract.js';
import { openPostgresStorage, SCHEMA_VERSION } from '../../src/storage/postgres.js';
import type { Storage } from '../../src/storage/types.js';
import { bearer, startServer } from '../http/harness.js';

const URL_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function unreachableReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: URL_BASE, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const reason = await unreachableReason();
if (reason !== null)
  console.warn(`Skipping the PostgreSQL storage tests: ${new URL(URL_BASE).host} is unreachable (${reason})`);

const schemas: string[] = [];
function freshSchema(): string {
  const name = `tn_test_${randomBytes(6).toString('hex')}`;
  schemas.push(name);
  return name;
}

afterAll(async () => {
  if (reason !== null || schemas.length === 0) return;
  const admin = new pg.Client({ connectionString: URL_BASE });
  await admin.connect();
  for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await admin.end();
});

/** A real Yjs update setting `key` in the `elements` map. */
function set(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let out: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    out = u;
  };
  doc.on('update', capture);
  doc.getMap('elements').set(key, value);
  doc.off('update', capture);
  if (out === null) throw new Error('no update');
  return out;
}

function rebuild(stored: { state: Uint8Array | null; updates: Uint8Array[] }): Record<string, unknown> {
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc.getMap('elements').toJSON();
}

describe.skipIf(reason !== null)('postgres storage', () => {
  const schemaOf = new WeakMap<Storage, string>();

  describeStorageContract('postgres', {
    async create() {
      const schema = freshSchema();
      const storage = await openPostgresStorage(URL_BASE, { schema });
      schemaOf.set(storage, schema);
      return storage;
    },
    async reopen(storage) {
      const schema = schemaOf.get(storage)!;
      await storage.close();
      const again = await openPostgresStorage(URL_BASE, { schema });
      schemaOf.set(again, schema);
      return again;
    },
  });

  describe('two nodes on one schema', () => {
    it("each sees the other's appends, and concurrent appends get distinct rising numbers", async () => {
      const schema = freshSchema();
      const [a, b] = await Promise.all([
        openPostgresStorage(URL_BASE, { schema }),
        openPostgresStorage(URL_BASE, { schema }),
      ]);
      try {
        const docA = new Y.Doc();
        const docB = new Y.Doc();
        expect(await a.appendUpdate('b1', set(docA, 'a', 1))).toBe(1);
        expect(await b.loadDoc('b1')).toMatchObject({ lastSeq: 1 });
        expect(await b.appendUpdate('b1', set(docB, 'b', 2))).toBe(2);
        expect(rebuild(await a.loadDoc('b1'))).toEqual({ a: 1, b: 2 });

        const writes = Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? a : b).appendUpdate('b1', set(i % 2 === 0 ? docA : docB, `k${i}`, i)),
        );
        const seqs = await Promise.all(writes);
        expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
        const loaded = await b.loadDoc('b1');
        expect(loaded.lastSeq).toBe(22);
        expect(Object.keys(rebuild(loaded))).toHaveLength(22);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("one node's compaction keeps the other node's concurrent appends", async () => {
      const schema = freshSchema();
      const a = await openPostgresStorage(URL_BASE, { schema });
      const b = await openPostgresStorage(URL_BASE, { schema });
      try {
        const writer = new Y.Doc();
        for (let i = 0; i < 5; i++) await a.appendUpdate('b1', set(writer, `early${i}`, i));
        const loaded = await a.loadDoc('b1');
        const merged = new Y.Doc();
        for (const u of loaded.updates) Y.applyUpdate(merged, u);
        const later = Array.from({ length: 10 }, (_, i) => b.appendUpdate('b1', set(writer, `late${i}`, i)));
        await Promise.all([a.compact('b1', Y.encodeStateAsUpdate(merged), loaded.lastSeq), ...later]);
        const after = await b.loadDoc('b1');
        expect(after.lastSeq).toBe(15);
        expect(after.updates).toHaveLength(10);
        expect(Object.keys(rebuild(after))).toHaveLength(15);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  describe('migrations', () => {
    const versions = async (schema: string) => {
      const admin = new pg.Client({ connectionString: URL_BASE });
      await admin.connect();
      try {
        const { rows } = await admin.query(`SELECT version FROM "${schema}".truenorth_migrations ORDER BY 1`);
        return rows.map((r: { version: number }) => r.version);
      } finally {
        await admin.end();
      }
    };
    const all = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);

    it('run once; starting again (also two nodes at once) is a no-op that keeps the data', async () => {
      const schema = freshSchema();
      const nodes = await Promise.all([1, 2, 3].map(() => openPostgresStorage(URL_BASE, { schema })));
      expect(await versions(schema)).toEqual(all);
      await nodes[0]!.appendUpdate('b1', set(new Y.Doc(), 'a', 1));
      await Promise.all(nodes.map((n) => n.close()));

      const again = await openPostgresStorage(URL_BASE, { schema });
      expect(await versions(schema)).toEqual(all);
      expect(await again.loadDoc('b1')).toMatchObject({ lastSeq: 1 });
      await again.close();
    });

    it('take the schema from the URL (?schema=) and refuse a newer schema version', async () => {
      const schema = freshSchema();
      await (await openPostgresStorage(`${URL_BASE}?schema=${schema}`)).close();
      expect(await versions(schema)).toEqual(all);
      const admin = new pg.Client({ connectionString: URL_BASE });
      await admin.connect();
      await admin.query(`INSERT INTO "${schema}".truenorth_migrations (version) VALUES (99)`);
      await admin.end();
      await expect(openPostgresStorage(URL_BASE, { schema })).rejects.toThrow(/version 99, newer/);
    });

    it('refuse a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStorage(URL_BASE, { schema: 'x"; DROP' })).rejects.toThrow(/schema name/);
    });
  });

  it('names the server, never the password, when PostgreSQL is unreachable', async () => {
    const attempt = openPostgresStorage('postgres://someone:s3cret@127.0.0.1:1/nowhere');
    await expect(attempt).rejects.toThrow(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  describe('the app with STORAGE=postgres', () => {
    it('creates a board and reads it back', async () => {
      const schema = freshSchema();
      const server = await startServer({ STORAGE: 'postgres', DATABASE_URL: `${URL_BASE}?schema=${schema}` });
      try {
        expect(server.app.storage.kind).toBe('postgres');
        const board = await server.createBoard({ title: 'Offsite', template: 'lean-canvas' });
        const res = await server.app.inject({
          url: `/api/boards/${board.id}`,
          headers: bearer(board.tokens.facilitator),
        });
        expect(res.statusCode).toBe(200);
        expect(BoardMeta.parse(res.json())).toMatchObject({
          id: board.id,
          title: 'Offsite',
          role: 'facilitator',
        });
      } finally {
        await server.close();
      }
    });

    it('does not start when DATABASE_URL is unreachable', async () => {
      const config = loadConfig({
        STORAGE: 'postgres',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test',
      });
      await expect(buildApp(config, { logger: false })).rejects.toThrow(
        /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test/,
      );
    });
  });
});
