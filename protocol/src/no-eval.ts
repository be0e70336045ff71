// In a browser, zod must not try whether it may compile its parsers with `new Function`: the apps'
// Content-Security-Policy allows no eval, and the probe, though caught, is reported as a violation.
// Imported first by the index, so it runs before any schema is made. The server keeps compiled parsers.
import { z } from 'zod';

if ('document' in globalThis) z.config({ jitless: true });
