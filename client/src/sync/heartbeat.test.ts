import { describe, expect, it } from 'vitest';
import { ASK_AFTER_MS, HEARTBEAT_EVERY_MS, heartbeatStep, UNANSWERED_AFTER_MS } from './heartbeat';

/** Look every `every` ms from `from` to `to`; the server answers a question when `answers`. */
function run(opts: { quietFrom: number; to: number; every?: number; answers: boolean }) {
  const every = opts.every ?? HEARTBEAT_EVERY_MS;
  let heardAt = 0;
  let askedAt: number | undefined;
  const log: { at: number; action: string }[] = [];
  for (let now = every; now <= opts.to; now += every) {
    // Before the quiet, something arrives all the time.
    if (now < opts.quietFrom) heardAt = now;
    const step = heartbeatStep({ open: true, heardAt, askedAt, now });
    askedAt = step.askedAt;
    if (step.action !== 'none') log.push({ at: now, action: step.action });
    if (step.action === 'ask' && opts.answers) heardAt = now + 5;
    if (step.action === 'drop') break;
  }
  return log;
}

describe('heartbeat', () => {
  it('asks after a few quiet seconds and drops a connection that never answers ~14 s after the last message', () => {
    const log = run({ quietFrom: 10_000, to: 60_000, answers: false });
    // Last heard at 8 s (the last look before the quiet): asked 4 s later.
    expect(log[0]).toEqual({ at: 8_000 + ASK_AFTER_MS, action: 'ask' });
    const drop = log.find((l) => l.action === 'drop')!;
    expect(drop.at - log[0]!.at).toBe(UNANSWERED_AFTER_MS);
    // Last heard at 8 s: dropped 12–16 s after it, as the others stop seeing this person.
    expect(drop.at - 8_000).toBeGreaterThanOrEqual(12_000);
    expect(drop.at - 8_000).toBeLessThanOrEqual(16_000);
    // Asked once, not at every look.
    expect(log.filter((l) => l.action === 'ask')).toHaveLength(1);
  });

  it('keeps a live connection in a quiet room, asking now and then', () => {
    const log = run({ quietFrom: 0, to: 120_000, answers: true });
    expect(log.some((l) => l.action === 'drop')).toBe(false);
    expect(log.filter((l) => l.action === 'ask').length).toBeGreaterThan(10);
  });

  it('keeps a live connection in a background tab the browser looks at once a minute', () => {
    const log = run({ quietFrom: 0, to: 600_000, every: 60_000, answers: true });
    expect(log.every((l) => l.action === 'ask')).toBe(true);
    expect(log).toHaveLength(10);
  });

  it('forgets a question once the connection closed', () => {
    expect(heartbeatStep({ open: false, heardAt: 0, askedAt: 5_000, now: 60_000 })).toEqual({
      action: 'none',
      askedAt: undefined,
    });
  });
});
