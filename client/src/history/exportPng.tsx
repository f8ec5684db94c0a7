/**
 * PNG of a frame or of the whole board, drawn off-screen with the canvas's element components
 * (so the picture does not depend on where the user is looking or what is selected).
 */
import type { Element, Rect } from '@truenorth/shared';
import type Konva from 'konva';
import { createRoot } from 'react-dom/client';
import { Stage } from 'react-konva';
import { contentBounds, PictureLayers } from './BoardPicture';
import { pixelRatioFor } from './pngFiles';

/** Draw `elements` (the region `rect`, or all of them) and answer a PNG data URL. */
export function renderPng(elements: readonly Element[], rect?: Rect): Promise<string> {
  const area = rect ?? contentBounds(elements) ?? { x: 0, y: 0, w: 400, h: 300 };
  const host = document.createElement('div');
  const root = createRoot(host);
  return new Promise<string>((resolve, reject) => {
    let tries = 0;
    const snap = (stage: Konva.Stage) => {
      // react-konva fills the stage's layers in a later commit: wait until they are there.
      const drawn = stage.getLayers()[0]?.getChildren().length ?? 0;
      if (drawn === 0 && elements.length > 0 && tries++ < 100) {
        setTimeout(() => snap(stage), 16);
        return;
      }
      try {
        resolve(
          stage.toDataURL({
            x: area.x,
            y: area.y,
            width: area.w,
            height: area.h,
            pixelRatio: pixelRatioFor(area),
            mimeType: 'image/png',
          }),
        );
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        setTimeout(() => root.unmount(), 0);
      }
    };
    const done = (stage: Konva.Stage | null) => {
      if (stage) setTimeout(() => snap(stage), 0);
    };
    root.render(
      <Stage ref={done} width={1} height={1} listening={false}>
        <PictureLayers elements={elements} background={area} />
      </Stage>,
    );
  });
}

export function download(dataUrl: string, name: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}
