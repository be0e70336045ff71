// A message across the top of a page or form: info, success, warn or error. It is a live region
// (errors interrupt: role=alert; the rest wait their turn: role=status), so a screen reader says it
// when it appears without focus moving.
import type { ComponentChildren } from 'preact';

export type BannerTone = 'info' | 'success' | 'warn' | 'error';

export function Banner(props: {
  tone: BannerTone;
  title?: string;
  children?: ComponentChildren;
  /** Buttons beside the message (a reload after a conflict, a dismiss). */
  actions?: ComponentChildren;
  testId?: string;
}) {
  return (
    <div
      class={`ui-banner ui-banner--${props.tone}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      <div class="ui-banner__body">
        {props.title && <p class="ui-banner__title">{props.title}</p>}
        {props.children}
      </div>
      {props.actions && <div class="ui-banner__actions">{props.actions}</div>}
    </div>
  );
}
