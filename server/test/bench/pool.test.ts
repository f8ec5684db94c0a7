import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIGURES, geometricMean, pool, ratios, readRun } from '../../bench/pool.js';
import { prng } from '../fixtures/prng.js';

const RUNS_DIR = fileURLToPath(new URL('../../../docs/runs', import.meta.url));

describe('bench:pool', () => {
  it('takes the geometric mean, so 2× ahead and 2× behind are level', () => {
    expect(geometricMean([0.5, 2])).toBeCloseTo(1, 12);
    expect(geometricMean([0.9, 0.9, 0.9])).toBeCloseTo(0.9, 12);
    expect(geometricMean([])).toBeNaN();
  });

  it('draws the same numbers from the same seed, and numbers in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const drawn = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(drawn);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...drawn)).toBeLessThan(1);
    expect(prng(43)()).not.toBe(drawn[0]);
  });

  it('counts repeats ahead, level and behind, and puts an interval below 1 when every run is ahead', () => {
    const p = pool([
      [0.9, 0.92, 0.95],
      [0.93, 1, 0.97],
      [0.88, 0.9, 1.01],
    ]);
    expect(p).toMatchObject({ runs: 3, repeats: 9, ahead: 7, level: 1, behind: 1, worst: 1.01 });
    expect(p.geomean).toBeLessThan(1);
    expect(p.high).toBeLessThan(1);
    expect(p.low).toBeLessThanOrEqual(p.geomean);
    expect(p.high).toBeGreaterThanOrEqual(p.geomean);
  });

  it('resamples whole runs: one run far behind widens the interval past 1', () => {
    // Nine repeats ahead, three far behind — counted as repeats it looks settled; as runs it is not.
    const p = pool([
      [0.9, 0.9, 0.9],
      [0.9, 0.9, 0.9],
      [0.9, 0.9, 0.9],
      [1.4, 1.4, 1.4],
    ]);
    expect(p.ahead).toBe(9);
    expect(p.low).toBeLessThan(1);
    expect(p.high).toBeGreaterThan(1);
  });

  it('reads every run kept in docs/runs, with a ratio for each goal figure against both peers', () => {
    const files = fs.readdirSync(RUNS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const run = readRun(path.join(RUNS_DIR, file));
      for (const figure of FIGURES) {
        for (const peer of ['yws', 'hocuspocus'] as const) {
          const each = ratios([run], figure.read, peer)[0]!;
          expect(each).toHaveLength(run.results.length);
          for (const r of each) expect(r, `${file} ${figure.name} ÷ ${peer}`).toBeGreaterThan(0);
          for (const r of each) expect(Number.isFinite(r)).toBe(true);
        }
      }
    }
  });

  it('names the file when it is not a bench:relay result', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-'));
    const file = path.join(dir, 'other.json');
    fs.writeFileSync(file, JSON.stringify({ results: [] }));
    expect(() => readRun(file)).toThrow(/other\.json is not a bench:relay --json result/);
    fs.writeFileSync(file, '{"results": [');
    expect(() => readRun(file)).toThrow(/other\.json is not a bench:relay --json result/);
    fs.writeFileSync(file, JSON.stringify({ results: [{ fanout: {}, join: {}, idle: {}, storm: {} }] }));
    const run = readRun(file);
    expect(() => ratios([run], FIGURES[0]!.read, 'yws')).toThrow(/no complete results for truenorth/);
    fs.rmSync(dir, { recursive: true });
  });
});
