// [NT5][NT8] A branch's SMS to visitors, in the branch settings page: on or off, when "N ahead of
// you" goes, and the night window in which messages wait.
import { CheckField, Field } from '@nobat/client/preact';
import type { Lang, SmsSettings } from '@nobat/protocol';
import { SETTINGS_TEXT, SMS_TEXT } from './settings-text.ts';

export function SmsSettingsEditor(props: {
  lang: Lang;
  value: SmsSettings;
  onChange: (next: SmsSettings) => void;
  /** The error of a field, by its path under settings.sms. */
  error: (path: string) => string | null | undefined;
}) {
  const { lang, value } = props;
  const time = (key: 'nightFrom' | 'nightUntil') => (
    <Field
      label={SMS_TEXT[key][lang]}
      hint={SMS_TEXT.nightMeaning[lang]}
      error={props.error(`settings.sms.${key}`)}
      class="setting"
    >
      {(c) => (
        <input
          {...c}
          type="time"
          dir="ltr"
          class={`${c.class} narrow`}
          value={value[key]}
          onInput={(e) => props.onChange({ ...value, [key]: e.currentTarget.value })}
          data-testid={`setting-sms-${key}`}
        />
      )}
    </Field>
  );
  return (
    <section class="card form-section" aria-labelledby="sec-sms-settings" data-testid="sms-settings">
      <h2 id="sec-sms-settings">{SETTINGS_TEXT.sms.label[lang]}</h2>
      <p class="muted">{SETTINGS_TEXT.sms.meaning[lang]}</p>
      <div class="settings-list">
        <CheckField
          label={SMS_TEXT.enabled[lang]}
          checked={value.enabled}
          error={props.error('settings.sms.enabled')}
          onChange={(v) => props.onChange({ ...value, enabled: v })}
          testId="setting-sms-enabled"
        />
        <Field label={SMS_TEXT.aheadAt[lang]} error={props.error('settings.sms.aheadAt')} class="setting">
          {(c) => (
            <input
              {...c}
              type="number"
              dir="ltr"
              class={`${c.class} narrow`}
              step={1}
              min={1}
              value={String(value.aheadAt)}
              onInput={(e) => props.onChange({ ...value, aheadAt: Number(e.currentTarget.value) })}
              data-testid="setting-sms-aheadAt"
            />
          )}
        </Field>
        {time('nightFrom')}
        {time('nightUntil')}
      </div>
    </section>
  );
}
