// Preact hooks and primitives shared by kiosk, display, counter and console.
export * from './lang.ts';
export * from './live.ts';
export * from './ui/index.ts';
