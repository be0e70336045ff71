// A sub-service's details: title, group, numbering with the first and last tickets it prints, cap,
// target wait, average service time, active.
import { type BranchConfig, type Lang, localized, type SubService, toPersianDigits } from '@nobat/protocol';
import { groupsInOrder } from './draft.ts';
import { CheckField, NumberField, SelectField, TextField, TitleFields, useFloor } from './fields.tsx';
import { overlapping, previewNumbering } from './numbering.ts';
import { formatNumber } from './numbers.ts';
import { t } from './words.ts';

export function ServiceGeneral(props: {
  cfg: BranchConfig;
  index: number;
  service: SubService;
  set: (s: SubService) => void;
}) {
  const { lang, errorsAt } = useFloor();
  const { service: s, set, cfg } = props;
  const p = `services.${props.index}`;
  const n = s.numbering;
  const preview = previewNumbering(n);
  const clashes = overlapping(s, cfg.services).map((id) => {
    const other = cfg.services.find((x) => x.id === id);
    return other ? localized(lang, other.title) || id : id;
  });
  const numberingErrors = errorsAt(`${p}.numbering`);
  return (
    <div class="fp-stack">
      <TitleFields
        path={`${p}.title`}
        value={s.title}
        onChange={(title) => set({ ...s, title })}
        testId="service-title"
      />
      <div class="fp-row">
        <SelectField
          label={t(lang, 'group')}
          path={`${p}.groupId`}
          value={s.groupId}
          options={groupsInOrder(cfg).map((g) => ({ value: g.id, label: localized(lang, g.title) || g.id }))}
          onChange={(groupId) => set({ ...s, groupId })}
        />
        <CheckField
          label={t(lang, 'active')}
          path={`${p}.active`}
          checked={s.active}
          hint={t(lang, 'activeHint')}
          testId="service-active"
          onChange={(active) => set({ ...s, active })}
        />
      </div>
      <fieldset class={`fp-box${numberingErrors.length ? ' fp-bad' : ''}`} data-path={`${p}.numbering`}>
        <legend>{t(lang, 'numbering')}</legend>
        <div class="fp-row fp-row-4">
          <TextField
            label={t(lang, 'prefix')}
            path={`${p}.numbering.prefix`}
            hint={t(lang, 'prefixHint')}
            dir="ltr"
            value={n.prefix}
            testId="numbering-prefix"
            onInput={(prefix) => set({ ...s, numbering: { ...n, prefix: prefix.toUpperCase() } })}
          />
          <NumberField
            label={t(lang, 'digits')}
            path={`${p}.numbering.digits`}
            hint={t(lang, 'digitsHint')}
            value={n.digits ?? null}
            testId="numbering-digits"
            onChange={(d) => {
              const { digits: _, ...rest } = n;
              set({ ...s, numbering: d === null ? rest : { ...rest, digits: d } });
            }}
          />
          <NumberField
            label={t(lang, 'from')}
            path={`${p}.numbering.from`}
            value={n.from}
            testId="numbering-from"
            onChange={(from) => set({ ...s, numbering: { ...n, from: from ?? Number.NaN } })}
          />
          <NumberField
            label={t(lang, 'to')}
            path={`${p}.numbering.to`}
            value={n.to}
            testId="numbering-to"
            onChange={(to) => set({ ...s, numbering: { ...n, to: to ?? Number.NaN } })}
          />
        </div>
        <div class="fp-preview" data-testid="numbering-preview" aria-live="polite">
          {preview.ok ? (
            <>
              <span>
                {t(lang, 'firstTicket')}{' '}
                <b class="fp-ticket" dir="ltr">
                  {ticket(lang, preview.first)}
                </b>
              </span>
              <span aria-hidden="true">…</span>
              <span>
                {t(lang, 'lastTicket')}{' '}
                <b class="fp-ticket" dir="ltr">
                  {ticket(lang, preview.last)}
                </b>
              </span>
              <span class="fp-muted">
                ({formatNumber(lang, preview.count, true)} {t(lang, 'ticketsPerDay')})
              </span>
            </>
          ) : (
            <span class="fp-warn">{t(lang, `preview_${preview.reason}`)}</span>
          )}
        </div>
        {clashes.length > 0 && (
          <div class="fp-warn" data-testid="numbering-overlap">
            {t(lang, 'overlaps')} {clashes.join('، ')}
          </div>
        )}
        {numberingErrors.length > 0 && (
          <div class="ui-field__error" role="alert" data-field-error>
            {t(lang, 'fieldRefused')} <bdi>{numberingErrors.join(' · ')}</bdi>
          </div>
        )}
      </fieldset>
      <div class="fp-row fp-row-3">
        <NumberField
          label={t(lang, 'dailyCap')}
          path={`${p}.dailyCap`}
          hint={t(lang, 'dailyCapHint')}
          value={s.dailyCap}
          grouped
          testId="service-cap"
          onChange={(dailyCap) => set({ ...s, dailyCap })}
        />
        <NumberField
          label={t(lang, 'targetWait')}
          path={`${p}.targetWaitMinutes`}
          hint={t(lang, 'targetWaitHint')}
          value={s.targetWaitMinutes}
          testId="service-target-wait"
          onChange={(v) => set({ ...s, targetWaitMinutes: v ?? Number.NaN })}
        />
        <NumberField
          label={t(lang, 'averageService')}
          path={`${p}.averageServiceMinutes`}
          hint={t(lang, 'averageServiceHint')}
          value={s.averageServiceMinutes}
          testId="service-average"
          onChange={(v) => set({ ...s, averageServiceMinutes: v ?? Number.NaN })}
        />
      </div>
      {/* [AP1] Appointments: an empty slot length means the sub-service is not booked online. */}
      <fieldset class="fp-box" data-testid="service-appointments">
        <legend>{t(lang, 'appointments')}</legend>
        <div class="fp-row fp-row-3">
          <NumberField
            label={t(lang, 'slotMinutes')}
            path={`${p}.appointments.slotMinutes`}
            hint={t(lang, 'slotMinutesHint')}
            value={s.appointments?.slotMinutes ?? null}
            testId="service-slot-minutes"
            onChange={(v) => {
              const { appointments: _, ...rest } = s;
              set(
                v === null
                  ? rest
                  : {
                      ...rest,
                      appointments: {
                        perSlot: 1,
                        daysAhead: 14,
                        graceMinutes: 15,
                        ...s.appointments,
                        slotMinutes: v,
                      },
                    },
              );
            }}
          />
          {s.appointments && (
            <>
              <NumberField
                label={t(lang, 'perSlot')}
                path={`${p}.appointments.perSlot`}
                value={s.appointments.perSlot}
                testId="service-per-slot"
                onChange={(v) =>
                  s.appointments && set({ ...s, appointments: { ...s.appointments, perSlot: v ?? Number.NaN } })
                }
              />
              <NumberField
                label={t(lang, 'daysAhead')}
                path={`${p}.appointments.daysAhead`}
                value={s.appointments.daysAhead}
                testId="service-days-ahead"
                onChange={(v) =>
                  s.appointments && set({ ...s, appointments: { ...s.appointments, daysAhead: v ?? Number.NaN } })
                }
              />
            </>
          )}
        </div>
      </fieldset>
    </div>
  );
}

/** A ticket number as the hall reads it: Persian digits in Persian, the Latin prefix as it is. */
const ticket = (lang: Lang, text: string): string => (lang === 'fa' ? toPersianDigits(text) : text);
