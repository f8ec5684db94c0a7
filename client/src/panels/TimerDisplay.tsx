/**
 * The workshop timer everyone sees. It counts from the server's end time (corrected for this
 * clock), and when it runs out it turns red and beeps once. A screen reader is told its last
 * minute and its end (`announce`), not every second of it.
 */
import { useEffect, useRef, useState } from 'react';
import type { WorkshopClient, WorkshopSnapshot } from '../sync/workshop';
import { useCanvasOverlay } from './useCanvasOverlay';
import { timerMarkPassed } from './workshopNews';

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A short two-tone beep through WebAudio; silent where audio is not allowed yet. */
export function beep(): void {
  try {
    const Ctx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const audio = new Ctx();
    const gain = audio.createGain();
    gain.gain.value = 0.15;
    gain.connect(audio.destination);
    [880, 660].forEach((freq, i) => {
      const osc = audio.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(audio.currentTime + i * 0.25);
      osc.stop(audio.currentTime + i * 0.25 + 0.2);
    });
    setTimeout(() => void audio.close(), 1000);
  } catch {
    // No audio (autoplay policy, no device): the red "Time's up" is still shown.
  }
}

export function TimerDisplay({
  client,
  snap,
  announce,
}: {
  client: WorkshopClient;
  snap: WorkshopSnapshot;
  /** Reads a sentence out (a live region that stays on the page). */
  announce: (message: string) => void;
}) {
  const timer = snap.view?.timer ?? null;
  const [left, setLeft] = useState<number | null>(() => client.remainingMs());
  const rang = useRef<number | null>(null);

  useEffect(() => {
    const tick = () => setLeft(client.remainingMs());
    tick();
    if (!timer?.running) return;
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
  }, [client, timer]);

  // The last minute and the end, said once as the countdown passes them.
  const before = useRef<number | null>(null);
  useEffect(() => {
    const mark = left === null ? null : timerMarkPassed(before.current, left);
    before.current = left;
    if (mark) announce(mark);
  }, [left, announce]);

  const over = timer?.running && left === 0;
  useEffect(() => {
    // One beep per timer end (a new endsAt is a new end).
    if (over && timer?.endsAt != null && rang.current !== timer.endsAt) {
      rang.current = timer.endsAt;
      beep();
    }
  }, [over, timer]);

  const overlay = useCanvasOverlay();
  if (!timer || left === null) return null;
  return (
    <div
      ref={overlay}
      data-canvas-overlay
      className={`workshop-timer${over ? ' is-over' : ''}${timer.running ? '' : ' is-paused'}`}
      // Not a live region: a countdown read out every second drowns everything else.
      role="timer"
      data-testid="workshop-timer"
    >
      {over ? "Time's up" : formatClock(left)}
      {!timer.running && <span className="workshop-timer-note">paused</span>}
    </div>
  );
}
