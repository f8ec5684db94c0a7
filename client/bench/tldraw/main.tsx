/**
 * tldraw with N notes, for the client benchmark: the stock `<Tldraw>` component (its UI included),
 * in memory (no persistence key). The cards are fetched from the bench server, as Truenorth's
 * board comes from its server, then created in one `editor.run`. Options changed: the zoom range
 * goes down to 2% like Truenorth's, so both apps can show the same view; the shapes-per-page
 * limit is raised from 4,000; fonts, icons and translations are bundled with the page, since the
 * bench runs on loopback only.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { createRoot } from 'react-dom/client';
import { createShapeId, type Editor, type TLShapePartial, Tldraw, toRichText } from 'tldraw';
import 'tldraw/tldraw.css';
import { type BenchCard, PALETTE } from '../cards';

declare global {
  interface Window {
    __bench?: { editor: Editor; count: number };
  }
}

// Fonts, icons and translations bundled with the page (the default loads them from a CDN).
const ASSETS = getAssetUrlsByImport();
const CAMERA = { zoomSteps: [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8] };
// tldraw refuses more than 4,000 shapes on a page by default (createShapes then creates none).
const OPTIONS = { maxShapesPerPage: 20_000 };

async function load(editor: Editor) {
  const n = Number(new URLSearchParams(location.search).get('n') ?? 1000);
  const cards = (await (await fetch(`/cards/${n}.json`)).json()) as BenchCard[];
  const shapes: TLShapePartial[] = cards.map((c, i) => ({
    id: createShapeId(`card${i}`),
    type: 'note',
    x: c.x,
    y: c.y,
    props: {
      richText: toRichText(c.text),
      color: PALETTE[c.color]?.tldraw ?? 'yellow',
    },
  }));
  editor.run(() => editor.createShapes(shapes));
  editor.zoomToFit({ animation: { duration: 0 } });
  window.__bench = { editor, count: cards.length };
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <Tldraw
      assetUrls={ASSETS}
      cameraOptions={CAMERA}
      options={OPTIONS}
      onMount={(editor) => void load(editor)}
    />,
  );
}
