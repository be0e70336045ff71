// The client layer every app and the firmware bridge share (DESIGN.md, `client/`). This entry is
// free of DOM and Preact so that the bridge (Node) can use it; Preact hooks and primitives are in
// `@nobat/client/preact`, the design tokens in `@nobat/client/tokens.css`.

export * from './follow.ts';
export * from './live.ts';
export * from './rest.ts';
export * from './retry.ts';
export * from './socket.ts';
export * from './upgrade.ts';
export * from './wording.ts';
