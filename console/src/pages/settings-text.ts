// What each queue setting of a branch means, in both languages, shown beside its field.
import type { Balancing, BranchSettings, Message } from '@nobat/protocol';
import { WORDS as HEALTH_WORDS } from '../health/words.ts';

/** [B7–B9] The balancing modes' names, for the branch setting and a counter's own choice. */
export const BALANCING_TEXT: Record<Balancing, Message> = {
  strict: { fa: 'ترتیب وزن', en: 'Strict order' },
  proportional: { fa: 'سهم به نسبت وزن', en: 'Proportional shares' },
  'longest-wait': { fa: 'بیشترین انتظار اول', en: 'Longest wait first' },
};

/** [NT5][NT8] The fields of the SMS section. */
export const SMS_TEXT = {
  enabled: { fa: 'پیامک فرستاده شود', en: 'Send SMS' },
  aheadAt: { fa: 'پیامک وقتی چند نفر جلوتر مانده‌اند', en: '“N ahead of you” at N =' },
  nightFrom: { fa: 'آغاز ساعات شب', en: 'Night from' },
  nightUntil: { fa: 'پایان ساعات شب', en: 'Night until' },
  nightMeaning: {
    fa: 'در این بازه پیامک‌ها نگه داشته می‌شوند و صبح می‌روند (کد یک‌بارمصرف همان دم می‌رود).',
    en: 'Messages wait through this window and go in the morning (one-time codes go at once).',
  },
} satisfies Record<string, Message>;

export const SETTINGS_TEXT: Record<keyof BranchSettings, { label: Message; meaning: Message }> = {
  // [PH1–PH6] Its own editor (phone-settings.tsx).
  phone: {
    label: { fa: 'نوبت از راه تلفن همراه', en: 'Tickets from the phone' },
    meaning: { fa: 'صفحهٔ ‎/q/‎ شعبه و حدهای آن.', en: "The branch's /q/ page and its limits." },
  },
  // [AL1–AL8] Its own editor (src/health/alert-settings.tsx).
  alerts: { label: HEALTH_WORDS.alertSettings, meaning: HEALTH_WORDS.alertSettingsMeaning },
  balancing: {
    label: { fa: 'شیوهٔ توزیع نوبت در باجه', en: 'Counter balancing' },
    meaning: {
      fa: 'باجه‌ای که چند خدمت دارد، تا پیش از گذشتن زمان هدف: «ترتیب وزن» همهٔ نوبت‌های خدمت با وزن بیشتر را اول می‌خواند؛ «سهم به نسبت وزن» به نسبت وزن‌ها می‌خواند (وزن ۳ و ۱: از هر ۴ فراخوان، ۳ و ۱)؛ «بیشترین انتظار اول» منتظرترین نوبت را از هر خدمتی می‌خواند. نوبت ویژه و نوبت گذشته از زمان هدف در هر سه جلوتر است. هر باجه می‌تواند شیوهٔ خودش را داشته باشد.',
      en: 'A counter serving several services, before tickets pass their target: “Strict order” calls every ticket of its highest-weighted service first; “Proportional shares” calls by its weights (weights 3 and 1: 3 and 1 of every 4 calls); “Longest wait first” calls the ticket that has waited longest, whatever its service. Priority tickets and tickets past their target still go first in all three. A counter may set its own.',
    },
  },
  noShowAfterRecalls: {
    label: { fa: 'غایب پس از چند فراخوان دوباره', en: 'No-show after recalls' },
    meaning: {
      fa: 'نوبتی که این تعداد بار دوباره فراخوانده شده، در فراخوان بعدی «حاضر نشد» ثبت می‌شود (۰: هرگز).',
      en: 'A ticket already recalled this many times is marked no-show at the next recall (0: never).',
    },
  },
  maxPriorityInRow: {
    label: { fa: 'بیشترین نوبت ویژهٔ پیاپی', en: 'Priority calls in a row' },
    meaning: {
      fa: 'تا این تعداد نوبت ویژه پشت‌سرهم در یک باجه، وقتی نوبت عادی در انتظار است؛ خالی: بدون محدودیت.',
      en: 'At most this many priority tickets in a row at one counter while normal tickets wait; empty: no limit.',
    },
  },
  agingWeightPerTarget: {
    label: { fa: 'وزن ماندگی', en: 'Ageing weight' },
    meaning: {
      fa: 'امتیازی که نوبت منتظر به ازای هر بار گذشتن از زمان انتظار هدف می‌گیرد، تا هیچ‌کس بی‌پایان منتظر نماند.',
      en: 'Score a waiting ticket gains for each full target wait it has waited, so no one waits for ever.',
    },
  },
  appointmentEarlyMinutes: {
    label: { fa: 'پذیرش زودتر از وقت قبلی (دقیقه)', en: 'Appointments due early (minutes)' },
    meaning: {
      fa: 'نوبت وقت‌قبلی از این چند دقیقه پیش از وقتش قابل فراخوان است.',
      en: 'An appointment ticket may be called from this many minutes before its slot.',
    },
  },
  estimateWindow: {
    label: { fa: 'پنجرهٔ برآورد', en: 'Estimate window' },
    meaning: {
      fa: 'برآورد زمان انتظار، میانگین این تعداد از آخرین زمان‌های خدمت است.',
      en: 'The waiting-time estimate averages this many of the latest serving times.',
    },
  },
  keypadStaleSeconds: {
    label: { fa: 'کهنگی فشار صفحه‌کلید (ثانیه)', en: 'Keypad press too old (seconds)' },
    meaning: {
      fa: 'فشار دکمهٔ صفحه‌کلید باجه که دیرتر از این به سرور برسد نادیده گرفته می‌شود.',
      en: 'A counter keypad press that reaches the server later than this is ignored.',
    },
  },
  keypadNextGraceSeconds: {
    label: { fa: 'مهلت دکمهٔ «بعدی» (ثانیه)', en: 'NEXT grace (seconds)' },
    meaning: {
      fa: 'فشار «بعدی» در این چند ثانیه پس از فراخوان باجه نادیده گرفته می‌شود (فشار دوباره).',
      en: 'A NEXT press within this many seconds of the counter’s call is ignored (a double press).',
    },
  },
  // [NT5][NT8] Its own section (below the list): on/off, "N ahead", the night window.
  sms: {
    label: { fa: 'پیامک به مراجعان', en: 'SMS to visitors' },
    meaning: {
      fa: 'به مراجعی که شمارهٔ همراه داده: دریافت نوبت، «چند نفر جلوی شما»، فراخوان و پیوند نظرسنجی؛ در ساعات شب پیامکی نمی‌رود.',
      en: 'To a visitor who gave a mobile number: the ticket, “N ahead of you”, the call and the survey link; none in the night hours.',
    },
  },
  requireKioskToken: {
    label: { fa: 'فقط کیوسک‌های ثبت‌شده نوبت بدهند', en: 'Only registered kiosks issue tickets' },
    meaning: {
      fa: 'نوبت‌گیری بی‌نام از وب پذیرفته نمی‌شود؛ فقط کیوسکی که رمز دستگاه دارد نوبت می‌دهد.',
      en: 'Anonymous web tickets are refused: only a kiosk with a device token may issue tickets.',
    },
  },
};
