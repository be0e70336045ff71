// One card of a branch's settings (alerts, phone tickets, SMS …): a field per setting, drawn by the
// type of its value — a switch for a boolean, a clock time for "HH:MM", a whole number otherwise — with
// its label and meaning, its error by path (settings.<group>.<key>) and test id setting-<group>-<key>.
import { CheckField, Field } from '@nobat/client/preact';
import type { Lang, Message } from '@nobat/protocol';

export interface SettingText {
  label: Message;
  /** What it means, under the field. */
  meaning?: Message;
  /** The least whole number a number field takes. */
  min?: number;
}

type Values = Record<string, number | boolean | string>;

export function SettingsSection<T extends Values>(props: {
  lang: Lang;
  /** The group's key under branch settings ("alerts", "phone", "sms"). */
  group: string;
  title: string;
  intro?: string;
  /** The section's test id (default `<group>-settings`). */
  testId?: string;
  /** The settings shown, in order, with their words. */
  text: { [K in keyof T]?: SettingText };
  value: T;
  onChange: (next: T) => void;
  error: (path: string) => string | null | undefined;
}) {
  const { lang, group, value } = props;
  const keys = Object.keys(props.text) as (keyof T & string)[];
  const set = (key: keyof T & string, v: T[keyof T]) => props.onChange({ ...value, [key]: v });
  return (
    <section
      class="card form-section"
      aria-labelledby={`sec-${group}-settings`}
      data-testid={props.testId ?? `${group}-settings`}
    >
      <h2 id={`sec-${group}-settings`}>{props.title}</h2>
      {props.intro ? <p class="muted">{props.intro}</p> : null}
      <div class="settings-list">
        {keys.map((key) => {
          const words = props.text[key] as SettingText;
          const v = value[key];
          const hint = words.meaning?.[lang];
          const testId = `setting-${group}-${key}`;
          const error = props.error(`settings.${group}.${key}`);
          if (typeof v === 'boolean') {
            return (
              <CheckField
                key={key}
                label={words.label[lang]}
                hint={hint}
                checked={v}
                error={error}
                onChange={(on) => set(key, on as T[keyof T])}
                testId={testId}
              />
            );
          }
          const time = typeof v === 'string';
          return (
            <Field key={key} label={words.label[lang]} hint={hint} error={error} class="setting">
              {(c) => (
                <input
                  {...c}
                  type={time ? 'time' : 'number'}
                  dir="ltr"
                  class={`${c.class} narrow`}
                  {...(time ? {} : { step: 1, min: words.min })}
                  value={String(v)}
                  onInput={(e) => {
                    const raw = e.currentTarget.value;
                    set(key, (time ? raw : Number(raw)) as T[keyof T]);
                  }}
                  data-testid={testId}
                />
              )}
            </Field>
          );
        })}
      </div>
    </section>
  );
}
