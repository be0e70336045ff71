// [NT5][NT8] A branch's SMS to visitors, in the branch settings page: on or off, when "N ahead of
// you" goes, and the night window in which messages wait.
import type { Lang, SmsSettings } from '@nobat/protocol';
import { SettingsSection } from './settings-section.tsx';
import { SETTINGS_TEXT, SMS_TEXT } from './settings-text.ts';

export function SmsSettingsEditor(props: {
  lang: Lang;
  value: SmsSettings;
  onChange: (next: SmsSettings) => void;
  /** The error of a field, by its path under settings.sms. */
  error: (path: string) => string | null | undefined;
}) {
  const { lang } = props;
  return (
    <SettingsSection
      lang={lang}
      group="sms"
      title={SETTINGS_TEXT.sms.label[lang]}
      intro={SETTINGS_TEXT.sms.meaning[lang]}
      text={{
        enabled: { label: SMS_TEXT.enabled },
        aheadAt: { label: SMS_TEXT.aheadAt, min: 1 },
        nightFrom: { label: SMS_TEXT.nightFrom, meaning: SMS_TEXT.nightMeaning },
        nightUntil: { label: SMS_TEXT.nightUntil, meaning: SMS_TEXT.nightMeaning },
      }}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  );
}
