// The one button: a <button> with the shared look. type="button" unless said otherwise, so a
// button inside a form never submits it by accident.
import type { ComponentChildren, JSX } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export type ButtonProps = Omit<JSX.HTMLAttributes<HTMLButtonElement>, 'size'> & {
  variant?: ButtonVariant;
  small?: boolean;
  /** A save under way: the button says so (aria-busy) and cannot be pressed twice. */
  busy?: boolean;
  type?: 'button' | 'submit' | 'reset';
  disabled?: boolean;
  children?: ComponentChildren;
};

/** The class names of a button, for links (<a>) that look like one. */
export const buttonClass = (variant: ButtonVariant = 'secondary', small = false): string =>
  ['ui-button', `ui-button--${variant}`, small ? 'ui-button--small' : ''].filter(Boolean).join(' ');

export function Button({ variant, small, busy, type, disabled, class: cls, children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      class={`${buttonClass(variant, small)}${cls ? ` ${cls}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {children}
    </button>
  );
}
