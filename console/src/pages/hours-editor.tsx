// The opening hours of each weekday (open or closed; one or more shifts) and the branch's holidays
// typed as Jalali dates (stored as ISO dates).
import { isoDateText, isoToJalali, jalaliText, jalaliToIso, parseJalali } from '@nobat/client';
import { Button, Field } from '@nobat/client/preact';
import { type Lang, type Message, toAsciiDigits, type Weekday } from '@nobat/protocol';
import { useId, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import type { Save } from '../save.tsx';
import { type fromWeek, WEEKDAYS, type WeekHours } from './hours.ts';

const DAY_NAMES: Record<Weekday, Message> = {
  sat: { fa: 'شنبه', en: 'Saturday' },
  sun: { fa: 'یکشنبه', en: 'Sunday' },
  mon: { fa: 'دوشنبه', en: 'Monday' },
  tue: { fa: 'سه‌شنبه', en: 'Tuesday' },
  wed: { fa: 'چهارشنبه', en: 'Wednesday' },
  thu: { fa: 'پنجشنبه', en: 'Thursday' },
  fri: { fa: 'جمعه', en: 'Friday' },
};

export function HoursEditor(props: {
  lang: Lang;
  week: WeekHours;
  onChange: (w: WeekHours) => void;
  save: Save;
  /** Which rows each stored entry came from at the last save (to place the server's refusals). */
  where: ReturnType<typeof fromWeek>['where'];
}) {
  const { lang, week } = props;
  const setDay = (day: Weekday, spans: WeekHours[Weekday]) => props.onChange({ ...week, [day]: spans });
  // The server's refusal of entry i lands on the rows it was made from.
  const errorOf = (day: Weekday, span: number): string | null => {
    const msgs: string[] = [];
    props.where.forEach((rows, i) => {
      if (!rows.some((r) => r.day === day && r.span === span)) return;
      const m = props.save.fieldError(`branch.openingHours.${i}`);
      if (m) msgs.push(m);
    });
    return msgs.length ? msgs.join(' ') : null;
  };
  const whole = props.save.fieldError('branch.openingHours');
  return (
    <section class="card form-section" aria-labelledby="sec-hours" data-testid="hours-editor">
      <h2 id="sec-hours">{t(lang, 'openingHours')}</h2>
      <p class="muted small">{t(lang, 'openingHoursHint')}</p>
      {whole && props.where.length === 0 && <p class="ui-field__error">{whole}</p>}
      <table class="hours-table">
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">{t(lang, 'openDay')}</span>
            </th>
            <th scope="col">{t(lang, 'opens')}</th>
            <th scope="col">{t(lang, 'closes')}</th>
            <th scope="col">
              <span class="sr-only">{t(lang, 'actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => {
            const spans = week[day];
            const open = spans.length > 0;
            const name = DAY_NAMES[day][lang];
            const rows = open ? spans : [null];
            return rows.map((span, i) => {
              const err = span ? errorOf(day, i) : null;
              const errId = `hours-${day}-${i}-error`;
              return (
                <tr
                  key={`${day}-${i}`}
                  data-testid={`hours-${day}${i ? `-${i}` : ''}`}
                  class={i > 0 ? 'hours-table__shift' : ''}
                >
                  <th scope="row">
                    {i === 0 ? (
                      <label class="ui-check">
                        <input
                          type="checkbox"
                          checked={open}
                          onChange={(e) =>
                            setDay(day, e.currentTarget.checked ? [{ open: '08:00', close: '14:00' }] : [])
                          }
                          data-testid={`open-${day}`}
                        />
                        <span>{name}</span>
                      </label>
                    ) : (
                      <span class="sr-only">{name}</span>
                    )}
                  </th>
                  {span ? (
                    <>
                      <td>
                        <input
                          class="ui-input time"
                          dir="ltr"
                          inputMode="numeric"
                          placeholder="08:00"
                          maxLength={5}
                          value={span.open}
                          aria-label={`${name} — ${t(lang, 'opens')}`}
                          aria-invalid={err ? 'true' : undefined}
                          aria-describedby={err ? errId : undefined}
                          onInput={(e) =>
                            setDay(
                              day,
                              spans.map((s, k) =>
                                k === i ? { ...s, open: toAsciiDigits(e.currentTarget.value.trim()) } : s,
                              ),
                            )
                          }
                          data-testid={`opens-${day}-${i}`}
                        />
                      </td>
                      <td>
                        <input
                          class="ui-input time"
                          dir="ltr"
                          inputMode="numeric"
                          placeholder="08:00"
                          maxLength={5}
                          value={span.close}
                          aria-label={`${name} — ${t(lang, 'closes')}`}
                          aria-invalid={err ? 'true' : undefined}
                          aria-describedby={err ? errId : undefined}
                          onInput={(e) =>
                            setDay(
                              day,
                              spans.map((s, k) =>
                                k === i ? { ...s, close: toAsciiDigits(e.currentTarget.value.trim()) } : s,
                              ),
                            )
                          }
                          data-testid={`closes-${day}-${i}`}
                        />
                        {err && (
                          <p class="ui-field__error" id={errId} data-field-error>
                            {err}
                          </p>
                        )}
                      </td>
                      <td class="hours-table__actions">
                        {i === spans.length - 1 && (
                          <Button
                            small
                            variant="ghost"
                            onClick={() => setDay(day, [...spans, { open: '16:00', close: '18:00' }])}
                            aria-label={`${name}: ${t(lang, 'addShift')}`}
                          >
                            {t(lang, 'addShift')}
                          </Button>
                        )}
                        {i > 0 && (
                          <Button
                            small
                            variant="ghost"
                            onClick={() =>
                              setDay(
                                day,
                                spans.filter((_, k) => k !== i),
                              )
                            }
                            aria-label={`${name}: ${t(lang, 'removeShift')}`}
                          >
                            {t(lang, 'removeShift')}
                          </Button>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={3} class="muted">
                      {t(lang, 'closed')}
                    </td>
                  )}
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </section>
  );
}

export function HolidaysEditor(props: {
  lang: Lang;
  holidays: string[];
  onChange: (h: string[]) => void;
  error: string | null;
}) {
  const { lang } = props;
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'badJalaliDate' | 'holidayTwice' | null>(null);
  const listId = useId();
  const add = () => {
    const date = parseJalali(text);
    const iso = date && jalaliToIso(date);
    if (!iso) return setProblem('badJalaliDate');
    if (props.holidays.includes(iso)) return setProblem('holidayTwice');
    setProblem(null);
    setText('');
    props.onChange([...props.holidays, iso].sort());
  };
  const sorted = [...props.holidays].sort();
  return (
    <section class="card form-section" aria-labelledby="sec-holidays" data-testid="holidays-editor">
      <h2 id="sec-holidays">{t(lang, 'holidays')}</h2>
      <div class="holiday-add">
        <Field
          label={t(lang, 'jalaliDate')}
          hint={t(lang, 'holidaysHint')}
          error={problem ? t(lang, problem) : props.error}
        >
          {(c) => (
            <input
              {...c}
              class={`${c.class} narrow`}
              dir="ltr"
              inputMode="numeric"
              placeholder={lang === 'fa' ? '۱۴۰۵/۰۱/۰۱' : '1405/01/01'}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
              data-testid="holiday-input"
            />
          )}
        </Field>
        <Button onClick={add} data-testid="add-holiday">
          {t(lang, 'addHoliday')}
        </Button>
      </div>
      {sorted.length === 0 ? (
        <p class="muted">{t(lang, 'noHolidays')}</p>
      ) : (
        <ul class="chips" id={listId} data-testid="holiday-list">
          {sorted.map((iso) => {
            const j = isoToJalali(iso);
            return (
              <li key={iso} class="chip" data-iso={iso}>
                <span>{isoDateText(lang, iso)}</span>
                <span class="muted small" dir="ltr">
                  {j ? jalaliText(lang, j) : iso}
                </span>
                <Button
                  small
                  variant="ghost"
                  aria-label={`${t(lang, 'remove')} ${isoDateText(lang, iso)}`}
                  onClick={() => props.onChange(props.holidays.filter((h) => h !== iso))}
                >
                  ✕
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
