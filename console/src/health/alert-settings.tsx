// [AL1–AL8] A branch's alert thresholds, in the branch settings page: one number each, with what it means.
import { Field } from '@nobat/client/preact';
import { type AlertSettings, AlertSettings as AlertSettingsSchema, type Lang } from '@nobat/protocol';
import { SETTING_TEXT, w } from './words.ts';

export function AlertSettingsEditor(props: {
  lang: Lang;
  /** The branch's thresholds; absent (an older branch): the defaults. */
  value: AlertSettings | undefined;
  onChange: (next: AlertSettings) => void;
  /** The error of a field, by its path under settings.alerts. */
  error: (path: string) => string | null | undefined;
}) {
  const { lang } = props;
  const value = props.value ?? AlertSettingsSchema.parse({});
  return (
    <section class="card form-section" aria-labelledby="sec-alert-settings" data-testid="alert-settings">
      <h2 id="sec-alert-settings">{w(lang, 'alertSettings')}</h2>
      <p class="muted">{w(lang, 'alertSettingsMeaning')}</p>
      <div class="settings-list">
        {(Object.keys(SETTING_TEXT) as (keyof AlertSettings)[]).map((key) => (
          <Field
            key={key}
            label={SETTING_TEXT[key].label[lang]}
            hint={SETTING_TEXT[key].meaning[lang]}
            error={props.error(`settings.alerts.${key}`)}
            class="setting"
          >
            {(c) => (
              <input
                {...c}
                type="number"
                dir="ltr"
                class={`${c.class} narrow`}
                step={1}
                value={String(value[key])}
                onInput={(e) => props.onChange({ ...value, [key]: Number(e.currentTarget.value) })}
                data-testid={`setting-alerts-${key}`}
              />
            )}
          </Field>
        ))}
      </div>
    </section>
  );
}
