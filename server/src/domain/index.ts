export * from './decide.ts';
export * from './estimate.ts';
export * from './events.ts';
export * from './keypad.ts';
export * from './local-time.ts';
export * from './policy.ts';
export * from './staffing.ts';
export * from './state.ts';
