// A form field: its label, the control, a hint saying what the setting means, and the server's
// refusal of this field right under it. The control is given by a render function that receives the
// id and the aria wiring (aria-describedby names the hint and the error; aria-invalid when refused).
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

export type ControlProps = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  class: string;
};

export function Field(props: {
  label: ComponentChildren;
  /** What the setting means, in the reader's language. */
  hint?: ComponentChildren;
  /** The refusal of this field (one message or several); none: the field is fine. */
  error?: string | readonly string[] | null;
  children: (control: ControlProps) => JSX.Element;
  class?: string;
  testId?: string;
}) {
  const id = useId();
  const errors = props.error == null ? [] : typeof props.error === 'string' ? [props.error] : [...props.error];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`ui-field${props.class ? ` ${props.class}` : ''}`} data-testid={props.testId}>
      <label class="ui-field__label" for={id}>
        {props.label}
      </label>
      {props.children({
        id,
        class: 'ui-input',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(errors.length ? { 'aria-invalid': 'true' as const } : {}),
      })}
      {props.hint && (
        <p class="ui-field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="ui-field__error" id={errorId} data-field-error>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label beside it (and the same hint and error as a Field). */
export function CheckField(props: {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ComponentChildren;
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="ui-field">
      <label class="ui-check" for={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          data-testid={props.testId}
          aria-describedby={describedBy || undefined}
          aria-invalid={props.error ? 'true' : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span>{props.label}</span>
      </label>
      {props.hint && (
        <p class="ui-field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="ui-field__error" id={`${id}-error`} data-field-error>
          {props.error}
        </p>
      )}
    </div>
  );
}
