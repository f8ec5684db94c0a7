/**
 * The SQLite storage's update journal: appends survive `kill -9` before they were moved into the
 * database, a torn tail is ignored, a crash between ingest and truncate duplicates nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecord, type JournalEntry } from '../../src/storage/journal.js';
import { JOURNAL_FILE, openSqliteStorage, SQLITE_FILE } from '../../src/storage/sqlite.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../..');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truenorth-journal-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const updateOf = (i: number) => new Uint8Array([i & 0xff, (i >> 8) & 0xff, 7, 7, 7]);

/** A process that appends `count` updates per board, says so, and waits to be killed. */
async function appendThenGetKilled(dir: string, boards: string[], count: number): Promise<void> {
  const code = `
    import { openSqliteStorage } from './src/storage/sqlite.ts';
    const storage = openSqliteStorage(${JSON.stringify(dir)}, { journalIngestMs: 3_600_000 });
    for (let i = 0; i < ${count}; i++)
      for (const board of ${JSON.stringify(boards)})
        await storage.appendUpdate(board, new Uint8Array([i & 0xff, (i >> 8) & 0xff, 7, 7, 7]));
    console.log('appended');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: serverDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('appended')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('journal records', () => {
  const entries: JournalEntry[] = [
    { boardId: 'a', seq: 1, update: new Uint8Array([1, 2, 3]) },
    { boardId: `B_-${'z9'.repeat(30)}x`, seq: 2 ** 40, update: new Uint8Array(0) },
    { boardId: 'c', seq: 3, update: new Uint8Array(5000).fill(9) },
  ];
  const bytes = Buffer.concat(entries.map(encodeRecord));

  it('round-trip', () => {
    expect(decodeRecords(bytes)).toEqual({ entries, validBytes: bytes.byteLength });
  });

  it('stop at a torn tail and at a corrupt record, keeping what came before', () => {
    const firstTwo = encodeRecord(entries[0]!).byteLength + encodeRecord(entries[1]!).byteLength;
    expect(decodeRecords(bytes.subarray(0, bytes.byteLength - 1)).entries).toEqual(entries.slice(0, 2));
    expect(decodeRecords(bytes.subarray(0, firstTwo + 5)).entries).toEqual(entries.slice(0, 2));
    const corrupt = Buffer.from(bytes);
    corrupt[firstTwo - 1]! ^= 0xff;
    expect(decodeRecords(corrupt)).toEqual({
      entries: entries.slice(0, 1),
      validBytes: encodeRecord(entries[0]!).byteLength,
    });
    expect(decodeRecords(new Uint8Array(64)).entries).toEqual([]);
  });

  it('stop at a record whose board id the shared schema refuses, even with a good checksum', () => {
    const bad = encodeRecord({ boardId: 'not a board/id', seq: 4, update: new Uint8Array([1]) });
    expect(decodeRecords(Buffer.concat([bytes, bad, encodeRecord(entries[0]!)]))).toEqual({
      entries,
      validBytes: bytes.byteLength,
    });
  });
});

describe('journal in the SQLite storage', () => {
  it('refuses to write a board id replay would refuse, and writes nothing for it', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir, { journalIngestMs: 60_000 });
    await storage.appendUpdate('good-board', new Uint8Array([0, 0]));
    await expect(storage.appendUpdate('../not a board', new Uint8Array([0, 0]))).rejects.toThrow();
    // A known board's next update is still written; the refused one left no bytes behind.
    await storage.appendUpdate('good-board', new Uint8Array([0, 0]));
    const { entries } = decodeRecords(fs.readFileSync(path.join(dir, JOURNAL_FILE)));
    expect(entries.map((e) => e.boardId)).toEqual(['good-board', 'good-board']);
    await storage.close();
  });

  it('keeps every update appended before kill -9, even one never moved into the database', async () => {
    const dir = tempDir();
    await openSqliteStorage(dir).close();
    await appendThenGetKilled(dir, ['one', 'two'], 300);
    // Nothing reached the database: everything is in the journal.
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeGreaterThan(600 * 20);
    // A torn write at the tail, as if the process died inside it.
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), Buffer.from([200, 0, 0, 0, 1, 2, 3]));

    const storage = openSqliteStorage(dir);
    for (const board of ['one', 'two']) {
      const stored = await storage.loadDoc(board);
      expect(stored.lastSeq).toBe(300);
      expect(stored.updates).toEqual(Array.from({ length: 300 }, (_, i) => updateOf(i)));
    }
    // Replayed into the database; the journal starts over and the next sequence follows on.
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBe(0);
    expect(await storage.appendUpdate('one', updateOf(999))).toBe(301);
    await storage.close();
  });

  it('duplicates nothing when a crash left entries both in the database and the journal', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir);
    for (let i = 0; i < 5; i++) await storage.appendUpdate('dup', updateOf(i));
    await storage.close();
    // As if the process died after the ingest committed but before the journal was emptied.
    const replay = Array.from({ length: 5 }, (_, i) =>
      encodeRecord({ boardId: 'dup', seq: i + 1, update: updateOf(i) }),
    );
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), Buffer.concat(replay));

    const again = openSqliteStorage(dir);
    const stored = await again.loadDoc('dup');
    expect(stored.updates).toEqual(Array.from({ length: 5 }, (_, i) => updateOf(i)));
    expect(stored.lastSeq).toBe(5);
    await again.close();
  });

  it('serves pending updates to readers and compacts them like the rest', async () => {
    const dir = tempDir();
    const storage = openSqliteStorage(dir, { journalIngestMs: 3_600_000 });
    for (let i = 0; i < 6; i++) await storage.appendUpdate('mixed', updateOf(i));
    storage.flushJournal();
    for (let i = 6; i < 10; i++) await storage.appendUpdate('mixed', updateOf(i));
    // Four in the journal, six in the database: one log in order.
    expect((await storage.loadDoc('mixed')).updates).toEqual(
      Array.from({ length: 10 }, (_, i) => updateOf(i)),
    );
    await storage.compact('mixed', new Uint8Array([42]), 8);
    const stored = await storage.loadDoc('mixed');
    expect(stored.state).toEqual(new Uint8Array([42]));
    expect(stored.updates).toEqual([updateOf(8), updateOf(9)]);
    expect(stored.lastSeq).toBe(10);
    await storage.close();
    // Closing moved everything into the database and removed the journal.
    expect(fs.existsSync(path.join(dir, JOURNAL_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dir, SQLITE_FILE))).toBe(true);
  });
});
