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

  it('checkpoints the WAL on a worker thread, not in the writer’s commits', async () => {
    const dir = tempDir();
    // A long period: only the explicit checkpoint below runs.
    const storage = openSqliteStorage(dir, { checkpointEveryMs: 60_000 });
    expect(storage.checkpoint()).toBeNull();
    const update = new Uint8Array(3000).fill(7);
    for (let i = 0; i < 1500; i++) await storage.appendUpdate('busy', update);
    storage.flushJournal();
    // Past SQLite's automatic threshold (1,000 pages) and nothing was checkpointed inline: the
    // WAL holds every frame written so far.
    const wal = path.join(dir, `${SQLITE_FILE}-wal`);
    expect(fs.statSync(wal).size).toBeGreaterThan(1000 * 4096);
    const result = await storage.checkpoint();
    expect(result).not.toBeNull();
    expect(result!.log).toBeGreaterThan(1000);
    expect(result!.checkpointed).toBe(result!.log);
    // The next write starts the WAL over instead of growing it.
    const sizeBefore = fs.statSync(wal).size;
    for (let i = 0; i < 10; i++) await storage.appendUpdate('busy', update);
    storage.flushJournal();
    expect(fs.statSync(wal).size).toBe(sizeBefore);
    // And everything is there, from another connection.
    const { default: Database } = await import('better-sqlite3');
    const reader = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM updates').get()).toEqual({ n: 1510 });
    reader.close();
    await storage.close();
  });

  it('checkpoints periodically while writes go on', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir, { checkpointEveryMs: 20, journalIngestMs: 10 });
    const update = new Uint8Array(3000).fill(1);
    const { default: Database } = await import('better-sqlite3');
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 50; i++) await storage.appendUpdate('steady', update);
      await new Promise((r) => setTimeout(r, 25));
    }
    // Without checkpoints the WAL would hold all 1,000 writes (over 4 MB): it was reused instead.
    expect(fs.statSync(path.join(dir, `${SQLITE_FILE}-wal`)).size).toBeLessThan(1000 * 4096);
    await storage.close();
    // Closing the last connection checkpoints and removes the WAL; all rows are in the file.
    expect(fs.existsSync(path.join(dir, `${SQLITE_FILE}-wal`))).toBe(false);
    const reader = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM updates').get()).toEqual({ n: 1000 });
    reader.close();
  });
});
