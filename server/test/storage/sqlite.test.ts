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
});
