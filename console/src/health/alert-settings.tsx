// [AL1–AL8] A branch's alert thresholds, in the branch settings page: one number each, with what it means.
import { type AlertSettings, AlertSettings as AlertSettingsSchema, type Lang } from '@nobat/protocol';
import { SettingsSection } from '../pages/settings-section.tsx';
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
  return (
    <SettingsSection
      lang={lang}
      group="alerts"
      testId="alert-settings"
      title={w(lang, 'alertSettings')}
      intro={w(lang, 'alertSettingsMeaning')}
      text={SETTING_TEXT}
      value={props.value ?? AlertSettingsSchema.parse({})}
      onChange={props.onChange}
      error={props.error}
    />
  );
}
