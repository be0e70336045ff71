// Form fields of the floor plan. Each names the zod path of the value it edits, so a refusal from
// the server lands on the field that caused it, in the server's own words.
import type { Lang, LocalizedText, Phrase } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useId, useState } from 'preact/hooks';
import { phraseOf, phraseParts } from './draft.ts';
import { formatNumber, parseNumber } from './numbers.ts';
import { t } from './words.ts';

export interface FloorContext {
  lang: Lang;
  /** The server's messages for the field at this path (and, with `deep`, for everything under it). */
  errorsAt(path: string, deep?: boolean): string[];
}
export const Floor = createContext<FloorContext>({ lang: 'fa', errorsAt: () => [] });
export const useFloor = () => useContext(Floor);

function Errors(props: { id: string; messages: string[] }) {
  const { lang } = useFloor();
  if (props.messages.length === 0) return null;
  return (
    <div class="fp-error" id={props.id} role="alert">
      {t(lang, 'fieldRefused')} <bdi>{props.messages.join(' · ')}</bdi>
    </div>
  );
}

interface FieldProps {
  label: string;
  path: string;
  hint?: string;
  /** Messages found on the page itself (not from the server), shown like the server's. */
  local?: string[];
  class?: string;
  /** Label visually hidden (table cells): still read out. */
  bare?: boolean;
  /** Other paths whose messages belong here (a text stored as a string or as {fa, en}). */
  alsoPaths?: string[];
}

function Field(
  props: FieldProps & {
    deep?: boolean;
    children: (id: string, describedBy: string, bad: boolean) => ComponentChildren;
  },
) {
  const { errorsAt } = useFloor();
  const id = useId();
  const messages = [
    ...(props.local ?? []),
    ...errorsAt(props.path, props.deep),
    ...(props.alsoPaths ?? []).flatMap((p) => errorsAt(p)),
  ];
  const bad = messages.length > 0;
  const describedBy = [props.hint ? `${id}-hint` : '', bad ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`fp-field${bad ? ' fp-bad' : ''} ${props.class ?? ''}`} data-path={props.path}>
      <label for={id} class={props.bare ? 'fp-sr' : undefined}>
        {props.label}
      </label>
      {props.children(id, describedBy, bad)}
      {props.hint && !props.bare && (
        <div class="fp-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      )}
      <Errors id={`${id}-err`} messages={messages} />
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onInput: (v: string) => void;
    dir?: 'rtl' | 'ltr' | 'auto';
    placeholder?: string;
    testId?: string;
  },
) {
  return (
    <Field {...props}>
      {(id, describedBy, bad) => (
        <input
          id={id}
          type="text"
          value={props.value}
          dir={props.dir}
          placeholder={props.placeholder}
          aria-invalid={bad}
          aria-describedby={describedBy || undefined}
          data-testid={props.testId}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A number typed with Persian or Latin digits; null when empty (for the fields that may be). */
export function NumberField(
  props: FieldProps & {
    value: number | null;
    onChange: (v: number | null) => void;
    grouped?: boolean;
    testId?: string;
    suffix?: string;
  },
) {
  const { lang } = useFloor();
  const shown = formatNumber(lang, props.value, props.grouped);
  const [text, setText] = useState(shown);
  const [editing, setEditing] = useState(false);
  // The field follows the draft (discard, reload, language) except while the person is typing in it.
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);
  const typed = parseNumber(text);
  const notNumber = typed !== null && Number.isNaN(typed) ? [lang === 'fa' ? 'عدد بنویسید.' : 'Write a number.'] : [];
  return (
    <Field {...props} local={[...(props.local ?? []), ...notNumber]}>
      {(id, describedBy, bad) => (
        <span class="fp-number">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            dir="ltr"
            value={text}
            aria-invalid={bad}
            aria-describedby={describedBy || undefined}
            data-testid={props.testId}
            onFocus={() => setEditing(true)}
            onBlur={() => setEditing(false)}
            onInput={(e) => {
              setText(e.currentTarget.value);
              props.onChange(parseNumber(e.currentTarget.value));
            }}
          />
          {props.suffix && <span class="fp-suffix">{props.suffix}</span>}
        </span>
      )}
    </Field>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & { value: V; options: { value: V; label: string }[]; onChange: (v: V) => void; testId?: string },
) {
  return (
    <Field {...props}>
      {(id, describedBy, bad) => (
        <select
          id={id}
          value={props.value}
          aria-invalid={bad}
          aria-describedby={describedBy || undefined}
          data-testid={props.testId}
          onChange={(e) => props.onChange(e.currentTarget.value as V)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField(props: {
  label: string;
  path: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  testId?: string;
}) {
  const { errorsAt } = useFloor();
  const id = useId();
  const messages = errorsAt(props.path);
  return (
    <div class={`fp-check${messages.length ? ' fp-bad' : ''}`} data-path={props.path}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <span class="fp-hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <Errors id={`${id}-err`} messages={messages} />
    </div>
  );
}

/** A title in Persian (required) and English (optional), side by side. */
export function TitleFields(props: {
  path: string;
  value: LocalizedText;
  onChange: (v: LocalizedText) => void;
  labels?: [string, string];
  testId?: string;
}) {
  const { lang } = useFloor();
  const [fa, en] = props.labels ?? [t(lang, 'titleFa'), t(lang, 'titleEn')];
  return (
    <div class="fp-pair">
      <TextField
        label={fa}
        path={`${props.path}.fa`}
        dir="rtl"
        value={props.value.fa}
        alsoPaths={[props.path]}
        testId={props.testId ? `${props.testId}-fa` : undefined}
        onInput={(v) => props.onChange({ ...props.value, fa: v })}
      />
      <TextField
        label={en}
        path={`${props.path}.en`}
        dir="ltr"
        value={props.value.en ?? ''}
        testId={props.testId ? `${props.testId}-en` : undefined}
        onInput={(v) => props.onChange(v ? { ...props.value, en: v } : { fa: props.value.fa })}
      />
    </div>
  );
}

/** A text of the information package: Persian, and English when the office gives it. */
export function PhraseFields(props: {
  path: string;
  value: Phrase | undefined;
  onChange: (v: Phrase) => void;
  label: string;
}) {
  const { lang } = useFloor();
  const { fa, en } = phraseParts(props.value);
  return (
    <div class="fp-pair">
      <TextField
        label={`${props.label} (${t(lang, 'textFa')})`}
        path={props.path}
        alsoPaths={[`${props.path}.fa`]}
        dir="rtl"
        value={fa}
        onInput={(v) => props.onChange(phraseOf(v, en))}
      />
      <TextField
        label={`${props.label} (${t(lang, 'textEn')})`}
        path={`${props.path}.en`}
        dir="ltr"
        value={en}
        onInput={(v) => props.onChange(phraseOf(fa, v))}
      />
    </div>
  );
}

/** Up, down and remove buttons of one item of a list. */
export function ItemTools(props: {
  index: number;
  count: number;
  what: string;
  onMove: (to: number) => void;
  onRemove?: (() => void) | undefined;
  removeDisabled?: string | undefined;
}) {
  const { lang } = useFloor();
  const { index, count, what } = props;
  return (
    <span class="fp-tools">
      <button
        type="button"
        class="fp-icon"
        aria-label={`${t(lang, 'moveUp')}: ${what}`}
        title={t(lang, 'moveUp')}
        disabled={index === 0}
        onClick={() => props.onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="fp-icon"
        aria-label={`${t(lang, 'moveDown')}: ${what}`}
        title={t(lang, 'moveDown')}
        disabled={index === count - 1}
        onClick={() => props.onMove(index + 1)}
      >
        ↓
      </button>
      {props.onRemove && (
        <button
          type="button"
          class="fp-icon fp-danger"
          aria-label={`${t(lang, 'remove')}: ${what}`}
          title={props.removeDisabled ?? t(lang, 'remove')}
          disabled={props.removeDisabled !== undefined}
          onClick={props.onRemove}
        >
          ×
        </button>
      )}
    </span>
  );
}
