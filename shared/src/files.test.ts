import { describe, expect, it } from 'vitest';
import { exportFileBase, fileSlug } from './files.js';

describe('export file names', () => {
  it('slug a title: ASCII drops accents and other scripts, otherwise any script stays', () => {
    expect(fileSlug('Strategy Offsite: Day 1!', true)).toBe('strategy-offsite-day-1');
    expect(fileSlug('Café Crème', true)).toBe('cafe-creme');
    expect(fileSlug('Стратегия', true)).toBe('board');
    expect(fileSlug('Стратегия 2025')).toBe('стратегия-2025');
    expect(fileSlug('A/B: "test"?')).toBe('a-b-test');
    expect(fileSlug('   ')).toBe('board');
    expect([...fileSlug('x'.repeat(100))]).toHaveLength(60);
  });

  it('name a file by board, part and the day in UTC', () => {
    const at = new Date('2025-03-04T23:59:00Z');
    expect(exportFileBase('Walk A', at, 'pdf')).toBe('walk-a-2025-03-04.pdf');
    expect(exportFileBase('Walk A', at, 'png', { part: 'Card Sorting' })).toBe(
      'walk-a-card-sorting-2025-03-04.png',
    );
    expect(exportFileBase('Стратегия 2027', at, 'png', { part: '故事' })).toBe(
      'стратегия-2027-故事-2025-03-04.png',
    );
    expect(exportFileBase('План', at, 'csv', { ascii: true })).toBe('board-2025-03-04.csv');
  });
});
