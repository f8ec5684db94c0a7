/**
 * Two people add a lane to the same Road Map at the same moment (one of them offline, so neither
 * sees the other's first): both lanes stay, and every card ends up drawn inside the lane it belongs
 * to on both screens. Each page had laid the cards out for four lanes; the board has five.
 */
import { createBoard, eventually, expect, test } from './fixtures.js';
import { goOffline, goOnline } from './lib/network.js';
import type { BoardPage, DocElement } from './pages/board-page.js';

type Lanes = DocElement & { w: number; lanes: { id: string; name: string }[]; orientation: string };

async function roadMap(p: BoardPage): Promise<Lanes> {
  return (await p.elements()).find((e) => e.type === 'swimlanes') as Lanes;
}

/** Each card of the road map: its lane, and whether its centre is inside that lane as drawn. */
async function placesOf(p: BoardPage): Promise<{ id: string; slot: string | null; inside: boolean }[]> {
  const l = await roadMap(p);
  const laneW = l.w / l.lanes.length;
  return (await p.elements())
    .filter((e) => e.parent === l.id)
    .map((e) => {
      const i = l.lanes.findIndex((lane) => lane.id === e.slot);
      const cx = e.x + (e.w ?? 0) / 2;
      return {
        id: e.id,
        slot: e.slot ?? null,
        inside: i >= 0 && cx >= l.x + i * laneW && cx <= l.x + (i + 1) * laneW,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

test('two people adding a lane at the same moment: both lanes stay, every card is drawn inside its own lane', async ({
  baseURL,
  openAs,
}) => {
  const b = await createBoard(baseURL as string, { template: 'road-map', title: 'Roadmap' });
  const fay = await openAs(b.links.facilitator, 'Fay');
  const bob = await openAs(b.links.participant, 'Bob');
  const l = await roadMap(fay);
  expect(l.orientation).toBe('vertical');
  const laneW = l.w / 3;

  // A card near the left edge and one near the right edge of each lane.
  const targets = [0, 1, 2].flatMap((i) => [
    { x: l.x + i * laneW + 110, y: l.y + 260 },
    { x: l.x + (i + 1) * laneW - 110, y: l.y + 560 },
  ]);
  const ids: string[] = [];
  for (const [k, t] of targets.entries()) {
    const id = await fay.addStickyAt(await fay.pagePoint({ x: t.x, y: t.y - 150 }), `Card ${k + 1}`);
    await fay.page.keyboard.press('Escape');
    await fay.drag(id, await fay.pagePoint(t));
    ids.push(id);
  }
  const slots = ['now', 'now', 'next', 'next', 'later', 'later'];
  await eventually(async () => (await placesOf(bob)).length).toBe(6);
  await eventually(async () => {
    const byId = new Map((await placesOf(bob)).map((p) => [p.id, p.slot]));
    return ids.map((id) => byId.get(id));
  }).toEqual(slots);

  // Bob loses his connection; both add a lane, each after another one.
  await goOffline(bob);
  for (const [who, after, name] of [
    [fay, 'Now', 'Fay’s lane'],
    [bob, 'Next', 'Bob’s lane'],
  ] as const) {
    await who.outline.openWithKeyboard();
    await who.outline.root.getByRole('button', { name: `Add a lane after “${after}”` }).click();
    await who.page.keyboard.type(name);
    await who.page.keyboard.press('Enter');
    await eventually(async () => (await roadMap(who)).lanes.map((x) => x.name)).toContain(name);
  }
  await goOnline(bob);

  // Both lanes stay, in the same order for both; every card keeps its lane and is drawn inside it.
  for (const who of [fay, bob]) {
    await eventually(async () => (await roadMap(who)).lanes.length).toBe(5);
  }
  expect((await roadMap(bob)).lanes).toEqual((await roadMap(fay)).lanes);
  for (const who of [fay, bob]) {
    await eventually(async () => {
      const places = await placesOf(who);
      return places.filter((p) => !p.inside).map((p) => p.slot);
    }).toEqual([]);
    const byId = new Map((await placesOf(who)).map((p) => [p.id, p.slot]));
    expect(ids.map((id) => byId.get(id))).toEqual(slots);
  }
  await eventually(async () => JSON.stringify(await placesOf(bob))).toBe(JSON.stringify(await placesOf(fay)));
  await eventually(async () => (await bob.elements()).map((e) => [e.id, e.x, e.y]).sort()).toEqual(
    (await fay.elements()).map((e) => [e.id, e.x, e.y]).sort(),
  );
  await fay.page.screenshot({ path: test.info().outputPath('lanes-at-once.png') });
});
