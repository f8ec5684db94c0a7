import { createBoard, eventually, expect, test } from './fixtures.js';

test('the workshop template appears once although three browsers open the new board together', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { title: 'Kick-off', template: 'workshop' });
  const people = await Promise.all([
    openAs(board.links.facilitator, 'Fran Facilitator'),
    openAs(board.links.participant, 'Pat Participant'),
    openAs(board.links.participant, 'Quinn Participant'),
  ]);
  const frames = (p: (typeof people)[number]) =>
    p.elements().then((els) => els.filter((e) => e.type === 'frame').map((e) => String(e.exercise)));
  for (const p of people) {
    await eventually(async () => (await frames(p)).sort()).toEqual(
      [
        'card-sorting',
        'elevator-pitch',
        'introductions',
        'lean-canvas',
        'road-map',
        'story-spine',
        'worst-solution',
      ].sort(),
    );
  }
  // Same elements everywhere, and no more than the template has.
  const counts = await Promise.all(people.map((p) => p.elements().then((e) => e.length)));
  expect(new Set(counts).size).toBe(1);
  const ids = await Promise.all(people.map((p) => p.elements().then((e) => e.map((x) => x.id).sort())));
  expect(ids[1]).toEqual(ids[0]);
  expect(ids[2]).toEqual(ids[0]);
});
