// [PH1–PH6] A branch's tickets from the phone, in the branch settings page: the switch and its limits.
import { type Lang, type Message, type PhoneSettings, PhoneSettings as PhoneSettingsSchema } from '@nobat/protocol';
import { SettingsSection } from './settings-section.tsx';
import { SETTINGS_TEXT } from './settings-text.ts';

const TEXT: Record<keyof PhoneSettings, { label: Message; meaning: Message }> = {
  enabled: {
    label: { fa: 'نوبت از راه تلفن همراه', en: 'Tickets from the phone' },
    meaning: {
      fa: 'مراجعه‌کننده در صفحهٔ ‎/q/‎ این شعبه با شمارهٔ همراه و کد پیامکی نوبت می‌گیرد.',
      en: "Visitors take a ticket on this branch's /q/ page with their mobile and an SMS code.",
    },
  },
  perNumberDaily: {
    label: { fa: 'نوبت هر شماره در روز', en: 'Tickets per number per day' },
    meaning: { fa: 'بیشترین نوبت تلفنی یک شمارهٔ همراه در یک روز.', en: 'Most phone tickets one number takes a day.' },
  },
  codeAttempts: {
    label: { fa: 'دفعات ورود کد', en: 'Code attempts' },
    meaning: { fa: 'پس از این تعداد کد نادرست، کد باطل می‌شود.', en: 'After this many wrong codes the code is dead.' },
  },
  codeMinutes: {
    label: { fa: 'اعتبار کد (دقیقه)', en: 'Code lifetime (minutes)' },
    meaning: { fa: 'کد پس از این چند دقیقه منقضی می‌شود.', en: 'A code expires after this many minutes.' },
  },
  challengesPerHour: {
    label: { fa: 'کد در هر ساعت', en: 'Codes per hour' },
    meaning: {
      fa: 'بیشترین کدی که به یک شماره یا از یک نشانی در یک ساعت فرستاده می‌شود.',
      en: 'Most codes sent to one number, or asked from one address, in an hour.',
    },
  },
  latePlaces: {
    label: { fa: '«دیر می‌رسم»: چند نفر عقب', en: '“I’m late”: places back' },
    meaning: {
      fa: 'نوبتِ تلفنی با «دیر می‌رسم» یک بار این تعداد نفر عقب می‌رود.',
      en: 'A phone ticket moves back this many places, once, with “I’m late”.',
    },
  },
};

export function PhoneSettingsEditor(props: {
  lang: Lang;
  value: PhoneSettings | undefined;
  onChange: (next: PhoneSettings) => void;
  error: (path: string) => string | null | undefined;
}) {
  return (
    <SettingsSection
      lang={props.lang}
      group="phone"
      title={SETTINGS_TEXT.phone.label[props.lang]}
      text={TEXT}
      value={props.value ?? PhoneSettingsSchema.parse({})}
      onChange={props.onChange}
      error={props.error}
    />
  );
}
