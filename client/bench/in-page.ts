/**
 * Code that runs inside the page, the same for both apps. Kept as plain JavaScript strings so
 * that the TypeScript loader's helpers never leak into the page.
 *
 * The camera is set through each app's own API, once per animation frame, along the same path in
 * world coordinates: Truenorth's `ViewportController.set` (screen = world × scale + offset) and
 * tldraw's `editor.setCamera` (screen = (world + camera) × zoom). Frame time is the delta between
 * consecutive requestAnimationFrame callbacks, recorded in the page.
 */

export type AppKind = 'truenorth' | 'tldraw';

/**
 * Installed before the page's own scripts: watches every frame until the app has drawn all `n`
 * cards, then records the time (ms since navigation start) two frames later, once they are painted.
 * Truenorth: the Konva content layers hold a node per card. tldraw: a `.tl-shape` per note.
 */
export function renderWatcher(kind: AppKind, n: number): string {
  return `(() => {
    const kind = ${JSON.stringify(kind)};
    const n = ${n};
    const count = () => {
      if (kind === 'truenorth') {
        const stage = window.Konva && window.Konva.stages && window.Konva.stages[0];
        if (!stage) return 0;
        let c = 0;
        for (const layer of stage.getLayers()) if (layer.hasName('content')) c += layer.getChildren().length;
        return c;
      }
      return window.__bench ? document.querySelectorAll('.tl-shape').length : 0;
    };
    const deadline = 120000;
    const check = () => {
      if (count() >= n) {
        requestAnimationFrame(() => requestAnimationFrame(() => { window.__renderedAt = performance.now(); }));
        return;
      }
      if (performance.now() > deadline) { window.__renderedAt = -1; return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`;
}

export type PhaseName = 'pan 100%' | 'pan overview' | 'zoom';

export interface PhaseRun {
  kind: AppKind;
  phase: PhaseName;
  board: { x: number; y: number; w: number; h: number };
  /** The zoom that shows the whole board (the same number for both apps). */
  fit: number;
  durationMs: number;
}

/**
 * Expression that resolves to the frame deltas (ms) of one phase. Before the timed part, the camera
 * is put at the phase's start and left there for `settleMs`.
 */
export function phaseScript(run: PhaseRun, settleMs: number): string {
  return `(async () => {
    const run = ${JSON.stringify(run)};
    const set = run.kind === 'truenorth'
      ? (c) => {
          const vp = window.__truenorth.viewport;
          vp.set({ scale: c.s, x: vp.width / 2 - c.x * c.s, y: vp.height / 2 - c.y * c.s });
        }
      : (c) => {
          const editor = window.__bench.editor;
          const b = editor.getViewportScreenBounds();
          editor.setCamera({ x: b.w / 2 / c.s - c.x, y: b.h / 2 / c.s - c.y, z: c.s }, { immediate: true });
        };
    const { board, fit } = run;
    const cx = board.x + board.w / 2;
    const cy = board.y + board.h / 2;
    const turn = (u) => 2 * Math.PI * u;
    const camera = (u) => {
      if (run.phase === 'pan 100%') {
        const r = Math.min(1000, board.w / 3);
        return { x: cx + r * Math.cos(turn(u)), y: cy + r * Math.sin(turn(u)), s: 1 };
      }
      if (run.phase === 'pan overview') {
        const r = board.w * 0.15;
        return { x: cx + r * Math.cos(turn(u)), y: cy + r * Math.sin(turn(u)), s: fit };
      }
      // zoom: 100% → whole board → 100%, about the centre, evenly in log scale.
      const k = (1 - Math.cos(turn(u))) / 2;
      return { x: cx, y: cy, s: Math.exp(Math.log(fit) * k) };
    };
    set(camera(0));
    await new Promise((r) => setTimeout(r, ${settleMs}));
    return await new Promise((resolve) => {
      const deltas = [];
      let start = -1;
      let last = -1;
      const guard = setTimeout(() => resolve(deltas), run.durationMs + 15000);
      const frame = (t) => {
        if (start < 0) start = t;
        else deltas.push(t - last);
        last = t;
        const u = (t - start) / run.durationMs;
        if (u >= 1 || deltas.length > 5000) {
          clearTimeout(guard);
          resolve(deltas);
          return;
        }
        set(camera(u));
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  })()`;
}
