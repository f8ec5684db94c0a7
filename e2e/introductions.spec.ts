/**
 * Introductions: one card per person. While that step runs, "Add my card" puts a card starting
 * with your name in the introductions box and opens it for writing; afterwards "My card" takes
 * you back to it instead of making a second. On a phone it shows the card itself, full size.
 */
import { createBoard, eventually, expect, PHONE, test } from './fixtures.js';

test('each person adds their one introduction card from the workshop panel', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const pat = await openAs(board.links.participant, 'Pat Participant');
  // Not before the step runs.
  await expect(pat.page.getByTestId('run-sheet')).toBeVisible();
  await expect(pat.page.getByTestId('intro-card')).toHaveCount(0);
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();

  await pat.page.getByTestId('intro-card').click();
  await expect(pat.editor).toBeVisible();
  await pat.editor.pressSequentially('Designer · 8 years · the user’s view', { delay: 10 });
  await pat.editor.press('Escape');
  const introduction = async () =>
    (await fran.elements())
      .filter((e) => e.type === 'sticky' && e.slot === 'people')
      .map((e) => ({ text: e.text, author: e.author }));
  await eventually(introduction).toEqual([
    { text: 'Pat Participant\nDesigner · 8 years · the user’s view', author: 'Pat Participant' },
  ]);

  // One card per person: the button now leads back to it.
  await expect(pat.page.getByTestId('intro-card')).toHaveText('My card');
  await pat.page.keyboard.press('Escape');
  await pat.page.getByTestId('intro-card').click();
  await expect(pat.page.getByTestId('selection-count')).toHaveText('1 selected');
  await expect(pat.editor).toBeHidden();
  expect(await introduction()).toHaveLength(1);

  // The facilitator adds theirs beside it; the next step has no such button.
  await fran.page.getByTestId('intro-card').click();
  await fran.editor.pressSequentially('Product strategist', { delay: 10 });
  await fran.editor.press('Escape');
  await eventually(async () => (await introduction()).length).toBe(2);
  await fran.page.getByRole('button', { name: 'End step & next' }).click();
  await expect(pat.page.getByTestId('intro-card')).toHaveCount(0);
});

test('on a phone, "Add my card" folds the panel and shows the card full size for writing', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  const p = await openAs(board.links.participant, 'Pat Participant', { viewport: PHONE });
  const toggle = p.page.getByTestId('workshop-panel').getByRole('button', { name: /^Workshop/ });
  await toggle.click();
  await p.page.getByTestId('intro-card').click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(p.page.getByTestId('zoom-level')).toHaveText('100%');
  await expect(p.editor).toBeVisible();
  await p.editor.pressSequentially('Designer', { delay: 10 });
  await p.editor.press('Escape');
  await eventually(async () =>
    (await fran.elements()).filter((e) => e.slot === 'people').map((e) => e.text),
  ).toEqual(['Pat Participant\nDesigner']);
});

test('cards added at the same moment do not stay stacked on one spot', async ({ baseURL, openAs }) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const people = [
    fran,
    await openAs(board.links.participant, 'Dana Designer'),
    await openAs(board.links.participant, 'Theo Tech'),
  ];
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  for (const p of people) await expect(p.page.getByTestId('intro-card')).toHaveText('Add my card');
  // "Everyone, add your card now": nobody has received anyone else's before adding their own
  // (held back here by going offline for a moment), so each lands on the same first free spot.
  for (const p of people) await p.page.evaluate(() => window.__truenorth?.provider.disconnect());
  for (const p of people) {
    await p.page.getByTestId('intro-card').click();
    await p.editor.pressSequentially('Hello', { delay: 10 });
    await p.editor.press('Escape');
  }
  for (const p of people) await p.page.evaluate(() => window.__truenorth?.provider.connect());

  const spots = async (who: (typeof people)[number]) =>
    (await who.elements())
      .filter((e) => e.type === 'sticky' && e.slot === 'people')
      .map((e) => ({ x: e.x, y: e.y, w: e.w as number, h: e.h as number, author: e.author }))
      .sort((a, b) => String(a.author).localeCompare(String(b.author)));
  const overlapping = (cards: Awaited<ReturnType<typeof spots>>) =>
    cards.filter((a, i) =>
      cards.some(
        (b, j) => i !== j && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h,
      ),
    ).length;
  for (const p of people) {
    await eventually(async () => (await spots(p)).length).toBe(3);
    await eventually(async () => overlapping(await spots(p))).toBe(0);
  }
  // Everyone sees the same places, and each card still reads as its author wrote it.
  const seen = JSON.stringify(await spots(fran));
  for (const p of people) await eventually(async () => JSON.stringify(await spots(p))).toBe(seen);
  for (const p of people) {
    const mine = (await p.elements()).find((e) => e.slot === 'people' && e.author === p.name);
    expect(mine?.text).toBe(`${p.name}\nHello`);
  }
});

test('a card stacked under a later one still moves when an earlier card arrives on its spot', async ({
  baseURL,
  openAs,
}) => {
  const board = await createBoard(baseURL as string, { template: 'workshop', title: 'Kick-off' });
  const fran = await openAs(board.links.facilitator, 'Fran Facilitator');
  const dana = await openAs(board.links.participant, 'Dana Designer');
  await fran.page.getByRole('button', { name: 'Start workshop' }).click();
  for (const p of [fran, dana]) await expect(p.page.getByTestId('intro-card')).toHaveText('Add my card');
  for (const p of [fran, dana]) await p.page.evaluate(() => window.__truenorth?.provider.disconnect());
  for (const p of [fran, dana]) {
    await p.page.getByTestId('intro-card').click();
    await p.editor.pressSequentially('Hello', { delay: 10 });
    await p.editor.press('Escape');
  }
  // While Dana is offline, a later card lands on her card's spot (someone who added theirs after
  // her, whose move has not reached her yet): hers is the earlier, so it stays put for now.
  await dana.page.evaluate(() => {
    const els = window.__truenorth?.doc.getMap('elements');
    if (!els) return;
    const mine = [...els.entries()].find(
      ([, v]) => (v as { get(k: string): unknown }).get('author') === 'Dana Designer',
    );
    if (!mine) return;
    const later = (mine[1] as { clone(): { set(k: string, v: unknown): void } }).clone();
    later.set('id', 'later-card');
    later.set('author', 'Lou Later');
    later.set('createdAt', Number((mine[1] as { get(k: string): unknown }).get('createdAt')) + 60_000);
    els.set('later-card', later);
  });
  // Then Fran's card, the earliest, arrives on the same spot: Dana's must move off it.
  for (const p of [fran, dana]) await p.page.evaluate(() => window.__truenorth?.provider.connect());
  const spotOf = async (name: string) => {
    const card = (await fran.elements()).find((e) => e.type === 'sticky' && e.author === name);
    return card ? `${card.x},${card.y}` : null;
  };
  await eventually(async () => (await fran.elements()).filter((e) => e.slot === 'people').length).toBe(3);
  await eventually(async () => (await spotOf('Dana Designer')) !== (await spotOf('Fran Facilitator'))).toBe(
    true,
  );
});
