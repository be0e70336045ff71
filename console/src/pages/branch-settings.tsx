// A branch's details: names, grade, address, time zone, opening hours per weekday, holidays (Jalali
// dates, stored as ISO), and the queue settings, each with what it means beside it. A new branch is
// made here too (from the organisation tree, under a provincial office).
import { path, say } from '@nobat/client';
import { Banner, Button, CheckField, Field } from '@nobat/client/preact';
import {
  type Balancing,
  type Branch,
  type BranchConfig,
  BranchSettings,
  type Lang,
  localDigits,
  localized,
  type SessionUser,
  SmsSettings,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { api, ConfigEnvelope, ProvincialOfficeView } from '../api.ts';
import { AlertSettingsEditor } from '../health/alert-settings.tsx';
import { t } from '../i18n.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { navigate } from '../router.tsx';
import { ChangedLine, SaveBanner, useSave } from '../save.tsx';
import { PageHead } from '../shell.tsx';
import { fromWeek, toWeek, type WeekHours } from './hours.ts';
import { HolidaysEditor, HoursEditor } from './hours-editor.tsx';
import { PhoneSettingsEditor } from './phone-settings.tsx';
import { BALANCING_TEXT, SETTINGS_TEXT } from './settings-text.ts';
import { SmsSettingsEditor } from './sms-settings.tsx';

/** The branch as edited: its holidays always present (the server's Branch has them as ISO dates). */
export type BranchDraft = Omit<Branch, 'openingHours'> & { holidays: string[]; week: WeekHours };

const TIME_ZONES = ['Asia/Tehran', 'Asia/Kabul', 'Asia/Dubai', 'Europe/Istanbul', 'UTC'];

function draftOf(branch: Branch): BranchDraft {
  const { openingHours, ...rest } = branch;
  const holidays = (branch as Branch & { holidays?: string[] }).holidays ?? [];
  return { ...rest, holidays: [...holidays], week: toWeek(openingHours) };
}

function newDraft(office: { id: string; organisationId: string } | undefined): BranchDraft {
  const branch = {
    id: '',
    organisationId: office?.organisationId ?? '',
    provincialOfficeId: office?.id ?? '',
    name: { fa: '' },
    type: 1,
    timeZone: 'Asia/Tehran',
    openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }],
    settings: BranchSettings.parse({}),
    holidays: [] as string[],
  };
  return draftOf(branch as Branch);
}

/** A new branch starts with the one priority class every branch needs and nothing else. */
function emptyConfig(branch: Branch): BranchConfig {
  return {
    branch,
    groups: [],
    services: [],
    counters: [],
    priorities: [{ id: 'normal', title: { fa: 'عادی', en: 'Normal' }, kind: 'normal', weight: 0 }],
    clerks: [],
  };
}

export function BranchSettingsPage(props: {
  lang: Lang;
  user: SessionUser;
  branchId: string | null;
  officeId: string | null;
}) {
  const { lang, branchId } = props;
  const offices = useLoad(
    () =>
      props.user.role === 'admin'
        ? api.get(z.array(ProvincialOfficeView), '/api/v1/admin/provincial-offices').catch(() => [])
        : Promise.resolve([]),
    [props.user.role],
  );
  const envelope = useLoad(
    () => (branchId ? api.get(ConfigEnvelope, path('/api/v1/admin/branches', branchId)) : Promise.resolve(null)),
    [branchId],
  );
  const [draft, setDraft] = useState<BranchDraft | null>(null);
  const [where, setWhere] = useState<ReturnType<typeof fromWeek>['where']>([]);
  const [saved, setSaved] = useState(false);
  const save = useSave({ prefixes: ['config.'] });

  // A fresh load (the first, or a reload after a conflict) replaces the form.
  useEffect(() => {
    if (envelope.data) setDraft(draftOf(envelope.data.config.branch));
    else if (!branchId && offices.data) {
      const office = offices.data.find((o) => o.value.id === props.officeId)?.value;
      setDraft(newDraft(office));
    }
  }, [envelope.data, offices.data, branchId, props.officeId]);

  const env = envelope.data;
  const title = branchId
    ? env
      ? localized(lang, env.config.branch.name)
      : t(lang, 'branchDetails')
    : t(lang, 'newBranch');
  const tz = env?.config.branch.timeZone;

  if (envelope.error !== null) {
    return (
      <>
        <PageHead title={title} />
        <LoadFailed lang={lang} error={envelope.error} onReload={envelope.reload} />
      </>
    );
  }
  if (!draft) {
    return (
      <>
        <PageHead title={title} />
        <p class="muted">{t(lang, 'loading')}</p>
      </>
    );
  }

  const set = <K extends keyof BranchDraft>(key: K, value: BranchDraft[K]) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, [key]: value } : d));
  };
  const setSetting = <K extends keyof BranchSettings>(key: K, value: BranchSettings[K]) =>
    set('settings', { ...draft.settings, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const { week, holidays, ...rest } = draft;
    const grouped = fromWeek(week);
    setWhere(grouped.where);
    const branch = {
      ...rest,
      name: { fa: rest.name.fa.trim(), ...(rest.name.en?.trim() ? { en: rest.name.en.trim() } : {}) },
      ...(rest.address?.trim() ? { address: rest.address.trim() } : { address: undefined }),
      openingHours: grouped.hours,
      // Sent when there are any, or when the server already keeps them (older servers refuse the field).
      ...(holidays.length || (env?.config.branch && 'holidays' in env.config.branch)
        ? { holidays: [...holidays].sort() }
        : {}),
    } as Branch;
    if (branch.address === undefined) delete (branch as { address?: string }).address;
    const answer = await save.run(() =>
      env
        ? api.put(ConfigEnvelope, path('/api/v1/admin/branches', env.config.branch.id), {
            version: env.version,
            config: { ...env.config, branch },
          })
        : api.post(ConfigEnvelope, '/api/v1/admin/branches', { config: emptyConfig(branch) }),
    );
    if (!answer) return;
    if (!env) {
      navigate(`/branches/${encodeURIComponent(answer.config.branch.id)}/settings`, true);
      return;
    }
    envelope.reload();
    setSaved(true);
  };

  const f = (p: string) => save.fieldError(`branch.${p}`);
  const isAdmin = props.user.role === 'admin';
  return (
    <>
      <PageHead
        title={title}
        actions={
          env && (
            <Button onClick={() => navigate(`/branches/${encodeURIComponent(env.config.branch.id)}`)}>
              {t(lang, 'openFloor')}
            </Button>
          )
        }
      />
      <form class="form-page" onSubmit={submit} data-testid="branch-form" noValidate>
        {env && <ChangedLine lang={lang} changed={env.changed} timeZone={tz} />}
        <SaveBanner
          lang={lang}
          save={save}
          timeZone={tz}
          onReload={() => {
            save.clear();
            setDraft(null);
            envelope.reload();
          }}
        />
        {saved && (
          <Banner tone="success" testId="saved">
            <p>{say(lang, 'saved')}</p>
          </Banner>
        )}
        <section class="card form-section" aria-labelledby="sec-details">
          <h2 id="sec-details">{t(lang, 'branchDetails')}</h2>
          <div class="grid-2">
            <Field label={t(lang, 'id')} hint={t(lang, 'idHint')} error={f('id')}>
              {(c) => (
                <input
                  {...c}
                  dir="ltr"
                  value={draft.id}
                  readOnly={Boolean(env)}
                  required
                  onInput={(e) => set('id', e.currentTarget.value.trim())}
                  data-testid="field-branch-id"
                />
              )}
            </Field>
            <Field label={t(lang, 'office')} error={f('provincialOfficeId')}>
              {(c) =>
                isAdmin && offices.data && offices.data.length > 0 ? (
                  <select
                    {...c}
                    value={draft.provincialOfficeId}
                    onChange={(e) => {
                      const o = offices.data?.find((x) => x.value.id === e.currentTarget.value)?.value;
                      if (o) setDraft({ ...draft, provincialOfficeId: o.id, organisationId: o.organisationId });
                    }}
                    data-testid="field-office"
                  >
                    {!draft.provincialOfficeId && <option value="">—</option>}
                    {offices.data.map((o) => (
                      <option key={o.value.id} value={o.value.id}>
                        {localized(lang, o.value.name)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...c} dir="ltr" value={draft.provincialOfficeId} readOnly />
                )
              }
            </Field>
            <Field label={t(lang, 'nameFa')} error={f('name.fa')}>
              {(c) => (
                <input
                  {...c}
                  lang="fa"
                  dir="rtl"
                  value={draft.name.fa}
                  required
                  onInput={(e) => set('name', { ...draft.name, fa: e.currentTarget.value })}
                  data-testid="field-name-fa"
                />
              )}
            </Field>
            <Field label={t(lang, 'nameEn')} hint={t(lang, 'nameEnHint')} error={f('name.en')}>
              {(c) => (
                <input
                  {...c}
                  lang="en"
                  dir="ltr"
                  value={draft.name.en ?? ''}
                  onInput={(e) => set('name', { ...draft.name, en: e.currentTarget.value })}
                  data-testid="field-name-en"
                />
              )}
            </Field>
            <Field label={t(lang, 'branchType')} hint={t(lang, 'branchTypeHint')} error={f('type')}>
              {(c) => (
                <select
                  {...c}
                  value={String(draft.type)}
                  onChange={(e) => set('type', Number(e.currentTarget.value))}
                  data-testid="field-type"
                >
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={String(n)}>
                      {localDigits(lang, n)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t(lang, 'timeZone')} hint={t(lang, 'timeZoneHint')} error={f('timeZone')}>
              {(c) => (
                <>
                  <input
                    {...c}
                    dir="ltr"
                    list="time-zones"
                    value={draft.timeZone}
                    onInput={(e) => set('timeZone', e.currentTarget.value.trim())}
                    data-testid="field-time-zone"
                  />
                  <datalist id="time-zones">
                    {TIME_ZONES.map((z) => (
                      <option key={z} value={z} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <Field label={t(lang, 'address')} error={f('address')} class="span-2">
              {(c) => (
                <textarea
                  {...c}
                  rows={2}
                  value={draft.address ?? ''}
                  onInput={(e) => set('address', e.currentTarget.value)}
                  data-testid="field-address"
                />
              )}
            </Field>
          </div>
        </section>
        <HoursEditor lang={lang} week={draft.week} onChange={(w) => set('week', w)} save={save} where={where} />
        <HolidaysEditor
          lang={lang}
          holidays={draft.holidays}
          onChange={(h) => set('holidays', h)}
          error={f('holidays')}
        />
        <section class="card form-section" aria-labelledby="sec-settings">
          <h2 id="sec-settings">{t(lang, 'settings')}</h2>
          <div class="settings-list">
            {(Object.keys(SETTINGS_TEXT) as (keyof BranchSettings)[]).map((key) => {
              if (key === 'alerts' || key === 'phone' || key === 'sms') return null; // their own sections, below
              const text = SETTINGS_TEXT[key];
              const value = draft.settings[key];
              if (key === 'balancing') {
                return (
                  <Field
                    key={key}
                    label={text.label[lang]}
                    hint={text.meaning[lang]}
                    error={f(`settings.${key}`)}
                    class="setting"
                  >
                    {(c) => (
                      <select
                        {...c}
                        value={draft.settings.balancing}
                        onChange={(e) => setSetting(key, e.currentTarget.value as Balancing)}
                        data-testid={`setting-${key}`}
                      >
                        {(Object.keys(BALANCING_TEXT) as Balancing[]).map((b) => (
                          <option key={b} value={b}>
                            {BALANCING_TEXT[b][lang]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                );
              }
              if (typeof value === 'boolean') {
                return (
                  <CheckField
                    key={key}
                    label={text.label[lang]}
                    hint={text.meaning[lang]}
                    checked={value}
                    error={f(`settings.${key}`)}
                    onChange={(v) => setSetting(key, v as never)}
                    testId={`setting-${key}`}
                  />
                );
              }
              return (
                <Field
                  key={key}
                  label={text.label[lang]}
                  hint={text.meaning[lang]}
                  error={f(`settings.${key}`)}
                  class="setting"
                >
                  {(c) => (
                    <input
                      {...c}
                      type="number"
                      dir="ltr"
                      class={`${c.class} narrow`}
                      step={key === 'agingWeightPerTarget' ? 'any' : 1}
                      value={value === null ? '' : String(value)}
                      placeholder={value === null ? t(lang, 'noLimit') : undefined}
                      onInput={(e) => {
                        const raw = e.currentTarget.value;
                        setSetting(key, (raw === '' && key === 'maxPriorityInRow' ? null : Number(raw)) as never);
                      }}
                      data-testid={`setting-${key}`}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        </section>
        <AlertSettingsEditor
          lang={lang}
          value={draft.settings.alerts}
          onChange={(v) => setSetting('alerts', v)}
          error={f}
        />
        <PhoneSettingsEditor
          lang={lang}
          value={draft.settings.phone}
          onChange={(v) => setSetting('phone', v)}
          error={f}
        />
        <SmsSettingsEditor
          lang={lang}
          value={draft.settings.sms ?? SmsSettings.parse({})}
          onChange={(v) => setSetting('sms', v)}
          error={f}
        />
        <div class="form-actions sticky-actions">
          <Button type="submit" variant="primary" busy={save.busy} data-testid="save">
            {save.busy ? t(lang, 'saving') : t(lang, 'save')}
          </Button>
          <Button onClick={() => (env ? envelope.reload() : navigate('/organisation'))}>{t(lang, 'cancel')}</Button>
        </div>
      </form>
    </>
  );
}
