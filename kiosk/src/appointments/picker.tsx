// A Jalali day (next N days, closed ones disabled) and a slot with its free places.
import {
  type BookableService,
  jalaliMonthName,
  type Lang,
  localDigits,
  type SlotAvailability,
  toJalali,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { errorText, slotsOf } from './api.ts';
import { w } from './words.ts';

const WEEKDAYS = {
  fa: ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** "شنبه ۱۵ آذر" / "Sat 15 Azar": the Jalali date of an ISO day. */
export function dayLabel(lang: Lang, day: string): string {
  const j = toJalali(day);
  const weekday = WEEKDAYS[lang][new Date(`${day}T00:00:00Z`).getUTCDay()];
  return `${weekday} ${localDigits(lang, j.jd)} ${jalaliMonthName(j.jm, lang)}`;
}

export function SlotPicker(props: {
  lang: Lang;
  branchId: string;
  service: BookableService;
  slot: string;
  pick: (slot: string) => void;
}) {
  const { lang, service } = props;
  const first = service.days.find((d) => d.open)?.day ?? '';
  const [day, setDay] = useState(first);
  const [slots, setSlots] = useState<SlotAvailability[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => setDay(first), [first]);
  useEffect(() => {
    if (!day) return;
    setSlots(null);
    slotsOf(props.branchId, service.id, day).then(setSlots, (e) => setError(errorText(e, lang)));
  }, [props.branchId, service.id, day, lang]);
  return (
    <>
      <fieldset class="appt-days">
        <legend>{w(lang, 'day')}</legend>
        {service.days.map((d) => (
          <button
            type="button"
            key={d.day}
            disabled={!d.open}
            aria-pressed={d.day === day}
            class={d.day === day ? 'chosen' : ''}
            data-day={d.day}
            onClick={() => setDay(d.day)}
          >
            {dayLabel(lang, d.day)}
          </button>
        ))}
      </fieldset>
      <fieldset class="appt-slots">
        <legend>{w(lang, 'slot')}</legend>
        {error && <p role="alert">{error}</p>}
        {slots?.length === 0 && <p>{w(lang, 'noSlots')}</p>}
        {slots?.map((s) => (
          <button
            type="button"
            key={s.slot}
            disabled={s.free === 0}
            aria-pressed={s.slot === props.slot}
            class={s.slot === props.slot ? 'chosen' : ''}
            data-slot={s.slot}
            onClick={() => props.pick(s.slot)}
          >
            <span class="time">{localDigits(lang, s.time)}</span>
            <span class="free">
              {localDigits(lang, s.free)} {w(lang, 'freePlaces')}
            </span>
          </button>
        ))}
      </fieldset>
    </>
  );
}
