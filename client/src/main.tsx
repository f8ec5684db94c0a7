import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

// The service worker lets a board opened before reload offline (the shell; the board itself is in
// IndexedDB). Only in the built app: the dev server's modules are not worth caching.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
      console.warn('Offline support is unavailable:', err);
    });
  });
}
