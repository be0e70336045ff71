// The entry of the ticket renderer's worker thread: a worker does not inherit the TypeScript loader
// the bridge runs under (tsx), so it registers it itself, then loads the renderer.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
