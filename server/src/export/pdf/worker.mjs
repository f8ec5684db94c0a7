// Entry of a PDF render thread (see pool.ts). Plain JavaScript, so it starts the same whoever
// started the server — `node --import tsx` (npm start), the tsx CLI, or vitest, whose TypeScript
// transform a worker does not inherit: tsx's API registers its loader on this thread, then the
// TypeScript is imported.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
