// A dialog: it takes focus when it opens (the element marked data-autofocus, else its first field,
// else itself), keeps Tab and Shift+Tab inside it, closes on Escape (and on a click outside when
// allowed), hides the page behind it from screen readers and the keyboard (inert), and gives focus
// back to what had it when it closes. The desk's and kiosk's dialogs did the first and the Escape;
// this one also traps focus and returns it.
import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useId, useRef } from 'preact/hooks';
import { focusables } from './focus.ts';

export function Modal(props: {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  /** The closing row (confirm, cancel). */
  footer?: ComponentChildren;
  /** The label of the × button, in the reader's language ("Close"). */
  closeLabel: string;
  wide?: boolean;
  /** A click on the dimmed page closes the dialog (not for dialogs holding unsaved input). */
  closeOnBackdrop?: boolean;
  /** A dialog that must be answered (alertdialog): a confirmation. */
  alert?: boolean;
  testId?: string;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.current;
    if (!root) return;
    // The page behind: out of reach while the dialog is open.
    const host = root.closest('.ui-modal-backdrop');
    const hidden: HTMLElement[] = [];
    for (const el of document.body.children) {
      if (el instanceof HTMLElement && el !== host && !el.inert && el.tagName !== 'SCRIPT') {
        el.inert = true;
        hidden.push(el);
      }
    }
    const first =
      root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root).find((el) => !el.dataset.modalClose);
    (first ?? root).focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(root);
      if (items.length === 0) {
        e.preventDefault();
        root.focus();
        return;
      }
      const firstItem = items[0] as HTMLElement;
      const lastItem = items[items.length - 1] as HTMLElement;
      const active = document.activeElement;
      if (e.shiftKey && (active === firstItem || active === root || !root.contains(active))) {
        e.preventDefault();
        lastItem.focus();
      } else if (!e.shiftKey && (active === lastItem || !root.contains(active))) {
        e.preventDefault();
        firstItem.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.body.style.overflow = overflow;
      for (const el of hidden) el.inert = false;
      // Back to the opener, if it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop only closes; the keyboard path is Escape
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape is handled for the whole dialog
    <div
      class="ui-modal-backdrop"
      onClick={(e) => props.closeOnBackdrop && e.target === e.currentTarget && props.onClose()}
    >
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is dialog or alertdialog, both modal */}
      <div
        ref={dialog}
        class={`ui-modal${props.wide ? ' ui-modal--wide' : ''}`}
        role={props.alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={props.testId}
      >
        <div class="ui-modal__head">
          <h2 class="ui-modal__title" id={titleId}>
            {props.title}
          </h2>
          <button
            type="button"
            class="ui-button ui-button--ghost ui-button--small"
            data-modal-close="true"
            aria-label={props.closeLabel}
            onClick={props.onClose}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <div class="ui-modal__body">{props.children}</div>
        {props.footer && <div class="ui-modal__foot">{props.footer}</div>}
      </div>
    </div>,
    document.body,
  );
}
