// A day typed as a Jalali date, as elsewhere in the console (holidays, report ranges): year/month/day
// in Persian or Latin digits; once it is a real day it is repeated in words under the field, so a
// slip (month and day swapped) is seen before it is sent.
import { isoDateText } from '@nobat/client';
import { Field } from '@nobat/client/preact';
import type { Lang } from '@nobat/protocol';
import { parseJalaliInput } from '../reports/period.ts';

export function JalaliDateField(props: {
  lang: Lang;
  label: string;
  hint: string;
  text: string;
  onText: (text: string) => void;
  error?: string | null;
  testId: string;
}) {
  const { lang } = props;
  const iso = parseJalaliInput(props.text);
  return (
    <Field
      label={props.label}
      hint={iso ? <span data-testid={`${props.testId}-words`}>{isoDateText(lang, iso)}</span> : props.hint}
      error={props.error ?? null}
    >
      {(c) => (
        <input
          {...c}
          dir="ltr"
          inputMode="numeric"
          autoComplete="off"
          placeholder={lang === 'fa' ? '۱۴۰۵/۰۲/۱۵' : '1405/02/15'}
          value={props.text}
          required
          onInput={(e) => props.onText(e.currentTarget.value)}
          data-testid={props.testId}
        />
      )}
    </Field>
  );
}
