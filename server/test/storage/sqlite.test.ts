import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStorageContract } from '../../src/storage/contract.js';
import { openSqliteStorage, SQLITE_FILE } from '../../src/storage/sqlite.js';
import type { Storage } from '../../src/storage/types.js';

const dirs: string[] = [];
const dirOf = new WeakMap<Storage, string>();

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-sqlite-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeStorageContract('sqlite', {
  async create() {
    const dir = tempDir();
    const storage = openSqliteStorage(dir);
    dirOf.set(storage, dir);
    return storage;
  },
  async reopen(storage) {
    const dir = dirOf.get(storage)!;
    await storage.close();
    const again = openSqliteStorage(dir);
    dirOf.set(again, dir);
    return again;
  },
});

describe('sqlite storage file', () => {
  it('creates the directory and the file, in WAL mode', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const storage = openSqliteStorage(dir);
    await storage.appendUpdate('b1', new Uint8Array([0, 0]));
    expect(fs.existsSync(path.join(dir, SQLITE_FILE))).toBe(true);
    expect(fs.existsSync(path.join(dir, `${SQLITE_FILE}-wal`))).toBe(true);
    await storage.close();
  });

  it('refuses a file from a newer schema', async () => {
    const dir = tempDir();
    await openSqliteStorage(dir).close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, SQLITE_FILE));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStorage(dir)).toThrow(/newer/);
  });

  const walSize = (dir: string) => fs.statSync(path.join(dir, `${SQLITE_FILE}-wal`)).size;
  const rowsIn = async (dir: string) => {
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    const row = reader.prepare('SELECT COUNT(*) AS n FROM updates').get();
    reader.close();
    return row;
  };

  it('does not checkpoint inside the writes while they go on, until the WAL reaches its bound', async () => {
    const dir = tempDir();
    // Never quiet long enough: only the bound checkpoints.
    const storage = openSqliteStorage(dir, { checkpoints: { quietMs: 60_000, maxPages: 3000 } });
    const update = new Uint8Array(3000).fill(7);
    for (let i = 0; i < 1500; i++) await storage.appendUpdate('busy', update);
    storage.flushJournal();
    // Past SQLite's own automatic threshold (1,000 pages) and nothing was checkpointed inline:
    // the WAL holds every frame written so far.
    expect(walSize(dir)).toBeGreaterThan(1000 * 4096);
    // Past the bound (about 3,000 pages written) an ingest checkpoints and the WAL starts over:
    // the file stops growing however long the writes go on.
    const sizes: number[] = [];
    for (let round = 0; round < 16; round++) {
      for (let i = 0; i < 500; i++) await storage.appendUpdate('busy', update);
      storage.flushJournal();
      sizes.push(walSize(dir));
    }
    // The last 8 rounds wrote ~5,000 more pages; the file grew by at most a few.
    expect(sizes.at(-1)! - sizes[7]!).toBeLessThan(100 * 4096);
    expect(sizes.at(-1)).toBeLessThan(2 * 3000 * 4096);
    expect(await rowsIn(dir)).toEqual({ n: 9500 });
    await storage.close();
  });

  it('keeps the WAL file within its bound even when a write touches more pages than its bytes tell', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir, { checkpoints: { quietMs: 60_000, maxPages: 1000 } });
    // Thousands of tiny updates compacted away: deleting them rewrites far more pages than the
    // few bytes of the compacted state, which is all the page estimate sees.
    const update = new Uint8Array(100).fill(3);
    let largest = 0;
    for (let round = 0; round < 20; round++) {
      let last = 0;
      for (let i = 0; i < 4000; i++) last = await storage.appendUpdate('churn', update);
      storage.flushJournal();
      await storage.compact('churn', new Uint8Array(10), last);
      largest = Math.max(largest, walSize(dir));
    }
    // The bound (1,000 pages) plus at most the one transaction that crossed it.
    expect(largest).toBeLessThan(1100 * 4096);
    await storage.close();
  });

  it('checkpoints when writes pause', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir, { checkpoints: { quietMs: 30 }, journalIngestMs: 10 });
    const update = new Uint8Array(3000).fill(1);
    for (let i = 0; i < 300; i++) await storage.appendUpdate('steady', update);
    storage.flushJournal();
    const size = walSize(dir);
    expect(size).toBeGreaterThan(300 * 3000);
    // Quiet: the WAL was copied into the database, so the next writes reuse it from the start.
    await new Promise((r) => setTimeout(r, 150));
    const after = storage.checkpoint();
    expect(after.busy).toBe(0);
    expect(after.log).toBe(after.checkpointed);
    for (let i = 0; i < 100; i++) await storage.appendUpdate('steady', update);
    storage.flushJournal();
    expect(walSize(dir)).toBe(size);
    await storage.close();
    // Closing the last connection checkpoints and removes the WAL; all rows are in the file.
    expect(fs.existsSync(path.join(dir, `${SQLITE_FILE}-wal`))).toBe(false);
    expect(await rowsIn(dir)).toEqual({ n: 400 });
  });
});
