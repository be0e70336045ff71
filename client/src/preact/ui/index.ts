// The shared Preact primitives (styles in @nobat/client/tokens.css).
export * from './banner.tsx';
export * from './button.tsx';
export * from './field.tsx';
export * from './focus.ts';
export * from './modal.tsx';
export * from './table.tsx';
