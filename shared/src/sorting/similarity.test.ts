import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createElement, createElements } from '../commands.js';
import { readBoard } from '../layout.js';
import { templateElements } from '../templates/index.js';
import { features, stem, suggestSimilar } from './similarity.js';

/** A board with one theme holding `inTheme` and loose cards `others`; returns their ids. */
function board(name: string, inTheme: string[], others: string[]) {
  const doc = new Y.Doc();
  const theme = createElement(doc, 'theme', { x: 0, y: 0, w: 800, h: 800, name });
  const members = inTheme.map((text, i) =>
    createElement(doc, 'sticky', { x: 10 + i, y: 60, text, parent: theme }),
  );
  const loose = others.map((text, i) => createElement(doc, 'sticky', { x: 2000 + i * 200, y: 0, text }));
  return { doc, theme, members, loose };
}

describe('features', () => {
  it('lowercases, strips punctuation and stopwords, folds plurals', () => {
    expect([...features('The Users’ passwords, and a LOGIN!').words.keys()]).toEqual([
      'user',
      'password',
      'login',
    ]);
    expect(stem('stories')).toBe('story');
    expect(stem('status')).toBe('status');
    expect(stem('access')).toBe('access');
    expect(stem('bus')).toBe('bus');
  });
  it('reads scripts without spaces as character bigrams', () => {
    expect([...features('用户登录').words.keys()]).toEqual(['用户', '户登', '登录']);
  });
});

describe('suggestSimilar', () => {
  it('ranks cards sharing words with the theme first, and excludes its own cards', () => {
    const { doc, members, loose } = board(
      'Accounts',
      ['Login with email', 'Reset forgotten password'],
      [
        'Dark mode for the canvas',
        'Password strength meter',
        'Single sign-on login for teams',
        'Export the board to PDF',
        'Email login links',
      ],
    );
    const ranked = suggestSimilar(doc, readBoard(doc).elements.find((e) => e.type === 'theme')?.id as string);
    const ids = ranked.map((s) => s.id);
    for (const m of members) expect(ids).not.toContain(m);
    // The three about logins and passwords, before the unrelated ones (if those appear at all).
    expect(new Set(ids.slice(0, 3))).toEqual(new Set([loose[1], loose[2], loose[4]]));
    expect(ids[0]).toBe(loose[4]);
    const unrelated = [loose[0], loose[3]].map((id) => ranked.find((s) => s.id === id)?.score ?? 0);
    for (const s of unrelated) expect(s).toBeLessThan(ranked[2]?.score ?? 0);
    expect(ranked[0]?.shared).toEqual(expect.arrayContaining(['login', 'email']));
  });

  it('uses the theme name when the theme is empty, and ignores placeholder names', () => {
    const named = board('Voting', [], ['Anonymous voting', 'Timer with sound', 'Voting results export']);
    const t = readBoard(named.doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(suggestSimilar(named.doc, t).map((s) => s.id)).toEqual(
      expect.arrayContaining([named.loose[0], named.loose[2]]),
    );
    expect(suggestSimilar(named.doc, t).map((s) => s.id)).not.toContain(named.loose[1]);
    const placeholder = board('Theme A', [], ['Theme park', 'A theme song']);
    const p = readBoard(placeholder.doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(suggestSimilar(placeholder.doc, p)).toEqual([]);
  });

  it('matches Cyrillic words across inflections and CJK by shared characters', () => {
    const ru = board(
      'Голосование',
      ['Тайное голосование', 'Итоги голосования'],
      ['Тёмная тема', 'Голосовать точками', 'Экспорт в PDF'],
    );
    const ruTheme = readBoard(ru.doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(suggestSimilar(ru.doc, ruTheme)[0]?.id).toBe(ru.loose[1]);

    const zh = board('投票', ['匿名投票', '投票结果'], ['深色模式', '点投票', '导出PDF']);
    const zhTheme = readBoard(zh.doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(suggestSimilar(zh.doc, zhTheme)[0]?.id).toBe(zh.loose[1]);
    expect(suggestSimilar(zh.doc, zhTheme).map((s) => s.id)).not.toContain(zh.loose[0]);
  });

  it('stays within the theme’s exercise frame by default', () => {
    const doc = new Y.Doc();
    createElements(doc, templateElements('workshop'));
    const { elements } = readBoard(doc);
    const theme = elements.find((e) => e.type === 'theme' && !e.parking) as { id: string };
    const sortingFrame = elements.find((e) => e.type === 'frame' && e.exercise === 'card-sorting');
    const leanFrame = elements.find((e) => e.type === 'frame' && e.exercise === 'lean-canvas');
    const inside = createElement(doc, 'sticky', {
      x: 0,
      y: 0,
      text: 'voting ideas',
      parent: sortingFrame?.id,
    });
    const outside = createElement(doc, 'sticky', { x: 0, y: 0, text: 'voting ideas', parent: leanFrame?.id });
    createElement(doc, 'sticky', { x: 0, y: 0, text: 'voting', parent: theme.id });
    expect(suggestSimilar(doc, theme.id).map((s) => s.id)).toEqual([inside]);
    expect(
      suggestSimilar(doc, theme.id, { scope: 'board' })
        .map((s) => s.id)
        .sort(),
    ).toEqual([inside, outside].sort());
  });

  it('never changes the document, and returns nothing for an unknown theme', () => {
    const { doc } = board('Accounts', ['login'], ['login help']);
    const before = Y.encodeStateAsUpdate(doc);
    const t = readBoard(doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(suggestSimilar(doc, t)).toHaveLength(1);
    expect(suggestSimilar(doc, 'nope')).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('survives odd text: emoji, lone marks, very long cards', () => {
    const { doc } = board('🚀 Launch', ['🚀🚀', '\u0301\u0301'], ['x'.repeat(20_000), '🚀 launch day', '']);
    const t = readBoard(doc).elements.find((e) => e.type === 'theme')?.id as string;
    expect(() => suggestSimilar(doc, t)).not.toThrow();
  });
});
