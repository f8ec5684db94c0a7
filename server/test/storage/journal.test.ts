/**
 * The SQLite storage's update journal: appends survive `kill -9` before they were moved into the
 * database, a torn tail is ignored, a crash between ingest and truncate duplicates nothing — each
 * both ways the journal stores a record: copied into a shared mapping of its file (its native
 * part, built by npm install) and appended with write(2).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecord, Journal, type JournalEntry } from '../../src/storage/journal.js';
import { loadJournalMap } from '../../src/storage/journal-map.js';
import {
  JOURNAL_FILE,
  openSqliteStorage,
  SQLITE_FILE,
  type SqliteOptions,
} from '../../src/storage/sqlite.js';

const mapBuilt = loadJournalMap() !== null;
// npm install builds it (server/native/build.mjs); skipping in CI would hide that production's
// way of storing is no longer tested.
if (!mapBuilt && process.env.CI === 'true') {
  throw new Error('the journal’s native part is not built (server/native/build.mjs, run by npm install)');
}
if (!mapBuilt) {
  console.warn(
    'Skipping the mapped-journal tests: server/native/build/journal_map.node is not built (no C compiler or Node headers at install)',
  );
}

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

/** Rows of the database's update log, per board, as another connection reads them. */
async function rowsIn(dir: string): Promise<Record<string, number[]>> {
  const { default: Database } = await import('better-sqlite3');
  const reader = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
  const rows = reader.prepare('SELECT board_id, seq FROM updates ORDER BY board_id, seq').all() as {
    board_id: string;
    seq: number;
  }[];
  reader.close();
  const out: Record<string, number[]> = {};
  for (const r of rows) out[r.board_id] = [...(out[r.board_id] ?? []), r.seq];
  return out;
}

const journalEntries = (dir: string, file = JOURNAL_FILE) =>
  decodeRecords(fs.readFileSync(path.join(dir, file))).entries.map((e) => `${e.boardId}:${e.seq}`);

/** Bytes of whole records at the start of the journal: what a replay would read. */
const recordBytes = (dir: string) => decodeRecords(fs.readFileSync(path.join(dir, JOURNAL_FILE))).validBytes;

/** A torn write right after the last whole record, as if the process died inside it. */
function tearTail(dir: string): void {
  const file = path.join(dir, JOURNAL_FILE);
  const fd = fs.openSync(file, 'r+');
  const torn = Buffer.from([200, 0, 0, 0, 1, 2, 3]);
  fs.writeSync(fd, torn, 0, torn.byteLength, recordBytes(dir));
  fs.closeSync(fd);
}

/** The resident size of this process's mapping of `file` (/proc/self/smaps), in KiB. */
function mappingKiB(file: string): number {
  const lines = fs.readFileSync('/proc/self/smaps', 'utf8').split('\n');
  const at = lines.findIndex((line) => line.endsWith(file));
  const rss = at === -1 ? undefined : lines.slice(at + 1).find((line) => line.startsWith('Rss:'));
  if (!rss) throw new Error(`${file} is not mapped`);
  return Number(/(\d+)/.exec(rss)![1]);
}

const updateOf = (i: number) => new Uint8Array([i & 0xff, (i >> 8) & 0xff, 7, 7, 7]);

/** A process that appends `count` updates per board, says so, and waits to be killed. */
async function appendThenGetKilled(
  dir: string,
  boards: string[],
  count: number,
  mmap: boolean,
): Promise<void> {
  const code = `
    import { openSqliteStorage } from './src/storage/sqlite.ts';
    const storage = openSqliteStorage(${JSON.stringify(dir)}, { journalIngestMs: 3_600_000, journalMmap: ${mmap} });
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

function journalInStorage(mmap: boolean): void {
  const open = (dir: string, options: SqliteOptions = {}) =>
    openSqliteStorage(dir, { ...options, journalMmap: mmap });

  it('refuses to write a board id replay would refuse, and writes nothing for it', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 60_000 });
    await storage.appendUpdate('good-board', new Uint8Array([0, 0]));
    // SQLite appends synchronously: the refusal is thrown, not a rejected promise.
    expect(() => storage.appendUpdate('../not a board', new Uint8Array([0, 0]))).toThrow();
    // A known board's next update is still written; the refused one left no bytes behind.
    await storage.appendUpdate('good-board', new Uint8Array([0, 0]));
    const { entries } = decodeRecords(fs.readFileSync(path.join(dir, JOURNAL_FILE)));
    expect(entries.map((e) => e.boardId)).toEqual(['good-board', 'good-board']);
    await storage.close();
  });

  it('keeps every update appended before kill -9, even one never moved into the database', async () => {
    const dir = tempDir();
    await open(dir).close();
    await appendThenGetKilled(dir, ['one', 'two'], 300, mmap);
    // Nothing reached the database: everything is in the journal.
    expect(journalEntries(dir)).toHaveLength(600);
    tearTail(dir);

    const storage = open(dir);
    for (const board of ['one', 'two']) {
      const stored = await storage.loadDoc(board);
      expect(stored.lastSeq).toBe(300);
      expect(stored.updates).toEqual(Array.from({ length: 300 }, (_, i) => updateOf(i)));
    }
    // Replayed into the database; the journal starts over and the next sequence follows on.
    expect(recordBytes(dir)).toBe(0);
    expect(await storage.appendUpdate('one', updateOf(999))).toBe(301);
    await storage.close();
  });

  it('duplicates nothing when a crash left entries both in the database and the journal', async () => {
    const dir = tempDir();
    const storage = open(dir);
    for (let i = 0; i < 5; i++) await storage.appendUpdate('dup', updateOf(i));
    await storage.close();
    // As if the process died after the ingest committed but before the journal was emptied.
    const replay = Array.from({ length: 5 }, (_, i) =>
      encodeRecord({ boardId: 'dup', seq: i + 1, update: updateOf(i) }),
    );
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), Buffer.concat(replay));

    const again = open(dir);
    const stored = await again.loadDoc('dup');
    expect(stored.updates).toEqual(Array.from({ length: 5 }, (_, i) => updateOf(i)));
    expect(stored.lastSeq).toBe(5);
    await again.close();
  });

  it('serves pending updates to readers and compacts them like the rest', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000 });
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

  it('forgets a compacted board’s pending updates instead of moving them into the database', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000 });
    for (let i = 0; i < 5; i++) await storage.appendUpdate('sorted', updateOf(i));
    await storage.appendUpdate('other', updateOf(0));
    await storage.compact('sorted', new Uint8Array([42]), 5);
    // Nothing was ingested: neither the compacted board's updates nor the other board's.
    expect(await rowsIn(dir)).toEqual({});
    expect(await storage.loadDoc('sorted')).toEqual({ state: new Uint8Array([42]), updates: [], lastSeq: 5 });
    expect((await storage.loadDoc('other')).updates).toEqual([updateOf(0)]);
    // Once nothing is pending the file starts over.
    await storage.compact('other', new Uint8Array([7]), 1);
    expect(recordBytes(dir)).toBe(0);
    await storage.close();
    expect(await rowsIn(dir)).toEqual({});
  });

  it('numbers a board’s next update after its pending ones when a compaction kept some', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000 });
    for (let i = 0; i < 5; i++) await storage.appendUpdate('partial', updateOf(i));
    await storage.compact('partial', new Uint8Array([42]), 3);
    expect(await storage.appendUpdate('partial', updateOf(5))).toBe(6);
    expect(await storage.loadDoc('partial')).toEqual({
      state: new Uint8Array([42]),
      updates: [updateOf(3), updateOf(4), updateOf(5)],
      lastSeq: 6,
    });
    await storage.close();
  });

  it('skips, on replay, updates a compaction covered before the process died', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000 });
    for (let i = 0; i < 5; i++) await storage.appendUpdate('merged', updateOf(i));
    await storage.appendUpdate('open', updateOf(0));
    await storage.compact('merged', new Uint8Array([42]), 4);
    // The file still holds all six (another board's update keeps it): what a kill -9 would leave.
    const left = fs.readFileSync(path.join(dir, JOURNAL_FILE));
    expect(journalEntries(dir)).toEqual([
      'merged:1',
      'merged:2',
      'merged:3',
      'merged:4',
      'merged:5',
      'open:1',
    ]);
    await storage.close();
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), left);

    const again = open(dir);
    expect(await rowsIn(dir)).toEqual({ merged: [5], open: [1] });
    expect(await again.loadDoc('merged')).toEqual({
      state: new Uint8Array([42]),
      updates: [updateOf(4)],
      lastSeq: 5,
    });
    await again.close();
  });

  it('moves pending updates into the database soon after the journal passes its bound', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000, journalIngestAt: { entries: 50 } });
    for (let i = 0; i < 49; i++) await storage.appendUpdate('busy', updateOf(i));
    await new Promise((r) => setImmediate(r));
    expect(await rowsIn(dir)).toEqual({});
    await storage.appendUpdate('busy', updateOf(49));
    // Not inside the append (it is on the way to a broadcast), but right after it.
    await new Promise((r) => setImmediate(r));
    expect((await rowsIn(dir)).busy).toHaveLength(50);
    expect(recordBytes(dir)).toBe(0);
    await storage.close();
  });

  it('moves a large backlog into the database a step per turn, appends between the steps included', async () => {
    const dir = tempDir();
    const storage = open(dir, {
      journalIngestMs: 3_600_000,
      journalIngestAt: { entries: 25 },
      journalIngestStep: 10,
    });
    const turn = () => new Promise((r) => setImmediate(r));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    for (let i = 0; i < 25; i++) await storage.appendUpdate(i % 2 === 0 ? 'even' : 'odd', updateOf(i));
    await turn();
    // One step: the ten oldest (one transaction); the file keeps every record until the end.
    expect(await rowsIn(dir)).toEqual({ even: range(1, 10) });
    expect(journalEntries(dir)).toHaveLength(25);
    // Readers see every update, from the database and the journal, in order.
    expect((await storage.loadDoc('even')).updates).toEqual(range(0, 12).map((i) => updateOf(2 * i)));
    await storage.appendUpdate('odd', updateOf(25));
    await turn();
    expect(await rowsIn(dir)).toEqual({ even: range(1, 13), odd: range(1, 7) });
    // The last step (six left, the append between the steps included) starts the file over.
    await turn();
    expect(await rowsIn(dir)).toEqual({ even: range(1, 13), odd: range(1, 13) });
    expect(recordBytes(dir)).toBe(0);
    expect((await storage.loadDoc('odd')).updates).toEqual(range(0, 12).map((i) => updateOf(2 * i + 1)));
    await storage.close();
  });

  it('starts the file over once it is large, even when compactions left little pending', async () => {
    const dir = tempDir();
    const storage = open(dir, { journalIngestMs: 3_600_000, journalIngestAt: { bytes: 4000 } });
    // One update stays pending the whole time, so the file never starts over by itself.
    await storage.appendUpdate('waiting', updateOf(0));
    const big = new Uint8Array(200).fill(5);
    let last = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 5; i++) last = await storage.appendUpdate('churn', big);
      await storage.compact('churn', new Uint8Array([1]), last);
    }
    await new Promise((r) => setImmediate(r));
    // Past 4,000 bytes of records the pending update moved into the database and the file started
    // over; what came after is all that is left in it.
    expect((await rowsIn(dir)).waiting).toEqual([1]);
    expect(recordBytes(dir)).toBeLessThan(4000);
    await storage.close();
  });
}

describe.skipIf(!mapBuilt)('journal in the SQLite storage, records copied into a mapping of the file', () =>
  journalInStorage(true),
);
describe('journal in the SQLite storage, records appended with write(2)', () => journalInStorage(false));

describe('the journal', () => {
  it('cuts off a write that stopped partway, so the appends after it still replay (and maps nothing it cannot reserve)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'limited.journal');
    // A process whose files may not pass 4 KiB (the disk filling up inside a write looks the
    // same): each append is a 519-byte record, so the 8th stops partway; the last one is small.
    const code = `
      import { Journal } from './src/storage/journal.ts';
      process.on('SIGXFSZ', () => {});
      const journal = new Journal(process.env.JOURNAL_FILE, {
        ingestEveryMs: 3_600_000,
        ingest: () => {},
        onIngestError: () => {},
      });
      const results = [];
      for (let seq = 1; seq <= 12; seq++) {
        try {
          journal.append({ boardId: 'b', seq, update: new Uint8Array(seq === 12 ? 10 : 500).fill(seq) });
          results.push('stored');
        } catch (err) {
          results.push('failed');
        }
      }
      console.log(JSON.stringify({ results, mapped: journal.stats().mapped }));
    `;
    const child = spawn(
      'bash',
      ['-c', 'ulimit -f 4 && exec "$NODE" --import tsx --input-type=module -e "$CODE"'],
      {
        cwd: serverDir,
        env: { ...process.env, NODE: process.execPath, CODE: code, JOURNAL_FILE: file },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const { results, mapped } = JSON.parse(out) as { results: string[]; mapped: boolean };
    // Its file could not be reserved (4 KiB at most): the journal appends with write(2) instead.
    expect(mapped).toBe(false);
    expect(results).toEqual([...Array(7).fill('stored'), ...Array(4).fill('failed'), 'stored']);
    // Every append that returned is in the file, and nothing torn sits between them.
    const data = fs.readFileSync(file);
    const { entries, validBytes } = decodeRecords(data);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 12]);
    expect(validBytes).toBe(data.byteLength);
  });

  it.skipIf(!mapBuilt)(
    'copies records into a shared mapping of its file when its native part is built',
    () => {
      const dir = tempDir();
      const file = path.join(dir, 'mapped.journal');
      const journal = new Journal(file, {
        ingestEveryMs: 3_600_000,
        ingest: () => {},
        onIngestError: () => {},
      });
      // npm install builds server/native; CI must run the journal the way production does.
      expect(journal.stats().mapped).toBe(true);
      const maps = fs.readFileSync('/proc/self/maps', 'utf8');
      expect(maps.split('\n').some((line) => line.includes(' rw-s ') && line.endsWith(file))).toBe(true);
      // Reserved on disk up front (no page of it can fail later for want of space).
      expect(fs.statSync(file).size).toBe(8 * 1024 * 1024 + 1024 * 1024);
      for (let seq = 1; seq <= 3; seq++) journal.append({ boardId: 'm', seq, update: updateOf(seq) });
      // Another reader of the file sees them at once: they are in the file cache, not in this process.
      expect(journalEntries(dir, 'mapped.journal')).toEqual(['m:1', 'm:2', 'm:3']);
      journal.close();
    },
  );

  it.skipIf(!mapBuilt)(
    'writes the pages ahead of its last record after the append, not inside it, and changes nothing in the file',
    async () => {
      const dir = tempDir();
      const file = path.join(dir, JOURNAL_FILE);
      const journal = new Journal(file, {
        ingestEveryMs: 3_600_000,
        ingest: () => {},
        onIngestError: () => {},
      });
      expect(journal.stats().mapped).toBe(true);
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      const onlyZerosAfterRecords = () =>
        fs
          .readFileSync(file)
          .subarray(recordBytes(dir))
          .every((b) => b === 0);
      const appended: string[] = [];
      const appendSome = async (from: number, count: number) => {
        for (let seq = from; seq < from + count; seq++) {
          // Records of odd sizes, so that they straddle page boundaries.
          journal.append({ boardId: 'p', seq, update: new Uint8Array(700 + (seq % 13)).fill(seq & 0xff) });
          appended.push(`p:${seq}`);
          await turn();
        }
      };
      // Inside the append only the record's own page is written; the pages ahead once it is done.
      journal.append({ boardId: 'p', seq: 1, update: updateOf(1) });
      appended.push('p:1');
      expect(mappingKiB(file)).toBe(4);
      await turn();
      expect(mappingKiB(file)).toBeGreaterThanOrEqual(16);
      await appendSome(2, 59);
      const records = recordBytes(dir);
      // The writer's next pages are resident already: written once, ahead of it.
      expect(mappingKiB(file)).toBeGreaterThanOrEqual(Math.ceil(records / 4096) * 4 + 8);
      // Every record reads back whole and only zeros follow the last: a replay sees what was appended.
      expect(journalEntries(dir)).toEqual(appended);
      expect(onlyZerosAfterRecords()).toBe(true);
      // The file starts over (nothing pending); the pages are touched ahead of the writer again.
      journal.compacted('p', 60);
      expect(recordBytes(dir)).toBe(0);
      appended.length = 0;
      await appendSome(61, 30);
      expect(journalEntries(dir)).toEqual(appended);
      expect(onlyZerosAfterRecords()).toBe(true);
      journal.close();
    },
  );

  it.skipIf(!mapBuilt)(
    'goes on with write(2) past the end of its mapping, and cuts the file back when it starts over',
    async () => {
      const dir = tempDir();
      const file = path.join(dir, 'burst.journal');
      const ingested: number[] = [];
      const journal = new Journal(file, {
        ingestEveryMs: 3_600_000,
        ingestAtBytes: 4096,
        ingest: (entries) => ingested.push(...entries.map((e) => e.seq)),
        onIngestError: () => {},
      });
      expect(journal.stats().mapped).toBe(true);
      const mappedBytes = fs.statSync(file).size;
      // One burst in the same turn (the ingest it triggers runs after it): 1.5 MiB, past the mapping.
      const big = new Uint8Array(300 * 1024).fill(3);
      for (let seq = 1; seq <= 5; seq++) journal.append({ boardId: 'burst', seq, update: big });
      expect(fs.statSync(file).size).toBeGreaterThan(mappedBytes);
      const { entries } = decodeRecords(fs.readFileSync(file));
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(entries.every((e) => e.update.byteLength === big.byteLength && e.update[0] === 3)).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(ingested).toEqual([1, 2, 3, 4, 5]);
      // Started over: back to the mapped size, no record left, and the next one lands at the start.
      expect(fs.statSync(file).size).toBe(mappedBytes);
      expect(decodeRecords(fs.readFileSync(file)).entries).toEqual([]);
      journal.append({ boardId: 'burst', seq: 6, update: updateOf(6) });
      expect(journalEntries(dir, 'burst.journal')).toEqual(['burst:6']);
      journal.close();
    },
  );

  it('keeps every update when the database refuses them, and does not retry on every append', async () => {
    const dir = tempDir();
    let attempts = 0;
    let refuse = true;
    const ingested: string[] = [];
    const journal = new Journal(path.join(dir, 'refused.journal'), {
      ingestEveryMs: 3_600_000,
      ingestAtEntries: 10,
      ingest: (entries) => {
        attempts++;
        if (refuse) throw new Error('disk full');
        ingested.push(...entries.map((e) => `${e.boardId}:${e.seq}`));
      },
      onIngestError: () => {},
    });
    for (let i = 1; i <= 40; i++) {
      journal.append({ boardId: 'full', seq: i, update: updateOf(i) });
      await new Promise((r) => setImmediate(r));
    }
    // One attempt at the bound; the next 30 appends past it did not each try again.
    expect(attempts).toBe(1);
    expect(journal.stats()).toMatchObject({ pendingUpdates: 40, ingestFailures: 1 });
    expect(journalEntries(dir, 'refused.journal')).toHaveLength(40);
    refuse = false;
    journal.flush();
    expect(ingested).toHaveLength(40);
    expect(journal.stats().pendingUpdates).toBe(0);
    journal.close();
  });
});
