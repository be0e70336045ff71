// Form fields of the floor plan. Each names the zod path of the value it edits, so a refusal from
// the server lands on the field that caused it, in the server's own words.

import { type ControlProps, Field, CheckField as SharedCheck } from '@nobat/client/preact';
import type { Lang, LocalizedText, Phrase } from '@nobat/protocol';
import type { JSX } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Confirm } from './confirm.tsx';
import { phraseOf, phraseParts } from './draft.ts';
import { formatNumber, parseNumber } from './numbers.ts';
import { t } from './words.ts';

export interface FloorContext {
  lang: Lang;
  /** The server's messages for the field at this path (and, with `deep`, for everything under it). */
  errorsAt(path: string, deep?: boolean): string[];
  /** Asks before work is dropped (the page's own dialog). */
  confirm: Confirm;
}
export const Floor = createContext<FloorContext>({
  lang: 'fa',
  errorsAt: () => [],
  confirm: async (q) => window.confirm(q.title),
});
export const useFloor = () => useContext(Floor);

/** The server's words for a refused field, led by a short "refused:" in the reader's language. */
function useMessages(
  path: string,
  alsoPaths: readonly string[] = [],
  local: readonly string[] = [],
  deep = false,
): string[] {
  const { lang, errorsAt } = useFloor();
  const server = [...errorsAt(path, deep), ...alsoPaths.flatMap((p) => errorsAt(p))];
  // The server's message is isolated (FSI…PDI): English inside a Persian sentence keeps its own order.
  return [...local, ...server.map((m) => `${t(lang, 'fieldRefused')} \u2068${m}\u2069`)];
}

interface FieldProps {
  label: string;
  path: string;
  hint?: string;
  /** Messages found on the page itself (not from the server), shown like the server's. */
  local?: string[];
  /** Label visually hidden (table cells): still read out. */
  bare?: boolean;
  /** Other paths whose messages belong here (a text stored as a string or as {fa, en}). */
  alsoPaths?: string[];
}

/** The shared Field, marked with the zod path it edits (so a refusal can bring it into view). */
function PathField(props: FieldProps & { children: (control: ControlProps) => JSX.Element }) {
  const messages = useMessages(props.path, props.alsoPaths, props.local);
  return (
    <div class={`fp-field${props.bare ? ' fp-bare' : ''}`} data-path={props.path}>
      <Field label={props.label} hint={props.bare ? undefined : props.hint} error={messages.length ? messages : null}>
        {props.children}
      </Field>
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
    <PathField {...props}>
      {(control) => (
        <input
          {...control}
          type="text"
          value={props.value}
          dir={props.dir}
          placeholder={props.placeholder}
          data-testid={props.testId}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </PathField>
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
  const notNumber = typed !== null && Number.isNaN(typed) ? [t(lang, 'notNumber')] : [];
  return (
    <PathField {...props} local={[...(props.local ?? []), ...notNumber]}>
      {(control) => (
        <span class="fp-number">
          <input
            {...control}
            type="text"
            inputMode="decimal"
            dir="ltr"
            value={text}
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
    </PathField>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & { value: V; options: { value: V; label: string }[]; onChange: (v: V) => void; testId?: string },
) {
  return (
    <PathField {...props}>
      {(control) => (
        <select
          {...control}
          value={props.value}
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
    </PathField>
  );
}

export function CheckField(props: {
  label: string;
  path: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
  testId?: string;
  bare?: boolean;
}) {
  const messages = useMessages(props.path);
  return (
    <div class={`fp-checkfield${props.bare ? ' fp-bare' : ''}`} data-path={props.path}>
      <SharedCheck
        label={props.label}
        checked={props.checked}
        onChange={props.onChange}
        hint={props.hint}
        error={messages.length ? messages.join(' ') : null}
        testId={props.testId}
      />
    </div>
  );
}

/** The refusal of a whole part (a list, the numbering), where no single field shows it. */
export function PartErrors(props: { path: string; deep?: boolean }) {
  const messages = useMessages(props.path, [], [], props.deep);
  if (messages.length === 0) return null;
  return (
    <p class="ui-field__error" role="alert" data-field-error>
      {messages.join(' ')}
    </p>
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
