// Staffing advice (issue 13 point 6) and what-if on a real day (point 7): the pages under
// /console/branches/:branchId/advice and …/what-if. They only read and compute on the server.
import { Banner, Button, type Column, Table } from '@nobat/client/preact';
import {
  type AdviceRow,
  type Balancing,
  clockTime,
  jalaliDate,
  jalaliShortDate,
  type Lang,
  localized,
  toPersianDigits,
  type WaitComparison,
  type WaitStats,
  type WhatIfCounter,
  type WhatIfResult,
} from '@nobat/protocol';
import { useMemo, useState } from 'preact/hooks';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { adviceApi } from './api.ts';
import { CountersChart } from './chart.tsx';
import { hourLabel, num, percent, t } from './words.ts';
import './advice.css';

const noon = (day: string) => `${day}T12:00:00Z`;

function useBranch(branchId: string) {
  return useLoad(() => adviceApi.config(branchId), [branchId]);
}

export function AdvicePage(props: { branchId: string; lang: Lang }) {
  const { lang, branchId } = props;
  const branch = useBranch(branchId);
  const plan = useLoad(() => adviceApi.plan(branchId), [branchId]);
  const live = useLoad(() => adviceApi.live(branchId), [branchId]);
  const config = branch.data?.config;
  const tz = config?.branch.timeZone ?? 'Asia/Tehran';
  const services = useMemo(
    () => (config?.services ?? []).map((s) => ({ id: s.id, title: localized(lang, s.title) })),
    [config, lang],
  );
  const titleOf = (id: string) => services.find((s) => s.id === id)?.title ?? id;
  const counterNumber = (id: string) => config?.counters.find((c) => c.id === id)?.number ?? id;

  const columns: Column<AdviceRow>[] = [
    { key: 'hour', header: t(lang, 'hour'), cell: (r) => hourLabel(lang, r.hour), sortBy: (r) => r.hour },
    {
      key: 'service',
      header: t(lang, 'service'),
      cell: (r) => titleOf(r.serviceId),
      sortBy: (r) => titleOf(r.serviceId),
    },
    {
      key: 'arrivals',
      header: t(lang, 'arrivals'),
      numeric: true,
      cell: (r) => num(lang, r.arrivalsPerHour, 1),
      sortBy: (r) => r.arrivalsPerHour,
    },
    {
      key: 'serving',
      header: t(lang, 'meanServing'),
      numeric: true,
      cell: (r) => num(lang, r.meanServiceMinutes, 1),
      sortBy: (r) => r.meanServiceMinutes,
    },
    {
      key: 'noShows',
      header: t(lang, 'noShows'),
      numeric: true,
      cell: (r) => percent(lang, r.noShowShare),
      sortBy: (r) => r.noShowShare,
    },
    {
      key: 'counters',
      header: t(lang, 'countersNeeded'),
      numeric: true,
      cell: (r) => <strong data-testid={`need-${r.serviceId}-${r.hour}`}>{num(lang, r.counters)}</strong>,
      sortBy: (r) => r.counters,
    },
    { key: 'model', header: t(lang, 'model'), cell: (r) => t(lang, r.model === 'erlang-a' ? 'erlangA' : 'erlangC') },
  ];

  return (
    <div class="advice" data-testid="advice-page">
      <PageHead title={t(lang, 'adviceTitle')} intro={t(lang, 'adviceIntro')} />
      {(branch.error || plan.error) && (
        <LoadFailed
          lang={lang}
          error={branch.error ?? plan.error}
          onReload={() => {
            branch.reload();
            plan.reload();
          }}
        />
      )}
      <section class="advice-section" aria-labelledby="advice-live">
        <div class="row">
          <h2 id="advice-live">{t(lang, 'liveTitle')}</h2>
          <Button small onClick={live.reload} data-testid="live-refresh">
            {t(lang, 'refresh')}
          </Button>
        </div>
        {live.error ? <LoadFailed lang={lang} error={live.error} onReload={live.reload} /> : null}
        {live.data && config ? (
          <ul class="advice-lines" data-testid="live-lines">
            {live.data.services.map((s) => (
              <li
                key={s.serviceId}
                class={s.needed > s.serving ? 'is-short' : undefined}
                data-testid={`live-${s.serviceId}`}
              >
                {t(lang, 'liveLine', {
                  service: titleOf(s.serviceId),
                  serving: num(lang, s.serving),
                  needed: num(lang, s.needed),
                })}
                {s.backWithinTargetAt !== null
                  ? t(lang, 'liveBack', { time: clockTime(s.backWithinTargetAt, lang, tz) })
                  : ''}
                {s.waiting > 0 ? t(lang, 'liveWaiting', { n: num(lang, s.waiting) }) : ''}
              </li>
            ))}
            {live.data.moves.length === 0 ? (
              <li data-testid="no-moves">{t(lang, 'noMoves')}</li>
            ) : (
              live.data.moves.map((m) => (
                <li key={m.counterId} class="is-move" data-testid={`move-${m.counterId}`}>
                  {t(lang, 'moveLine', {
                    counter: lang === 'fa' ? toPersianDigits(counterNumber(m.counterId)) : counterNumber(m.counterId),
                    service: titleOf(m.serviceId),
                    before: num(lang, m.pastTargetBefore),
                    after: num(lang, m.pastTargetAfter),
                  })}
                </li>
              ))
            )}
          </ul>
        ) : (
          !live.error && <p class="muted">{t(lang, 'loading')}</p>
        )}
      </section>
      {plan.data && config && (
        <section class="advice-section" aria-labelledby="advice-plan">
          <h2 id="advice-plan" data-testid="plan-date">
            {t(lang, 'planFor', { date: jalaliDate(noon(plan.data.date), lang, 'UTC') })}
          </h2>
          <p class="muted" data-testid="plan-days">
            {plan.data.days.length
              ? t(lang, 'learntFrom', {
                  n: num(lang, plan.data.days.length),
                  days: plan.data.days
                    .map((d) => jalaliShortDate(noon(d), lang, 'UTC'))
                    .join(lang === 'fa' ? '، ' : ', '),
                })
              : t(lang, 'noHistory')}
            {' · '}
            {t(lang, 'probability', { p: percent(lang, plan.data.probability) })}
          </p>
          {plan.data.rows.length > 0 && (
            <CountersChart lang={lang} rows={plan.data.rows} services={services} title={t(lang, 'chartTitle')} />
          )}
          <Table
            caption={t(lang, 'tableCaption')}
            columns={columns}
            rows={plan.data.rows}
            rowKey={(r) => `${r.serviceId}|${r.hour}`}
            empty={t(lang, 'noHistory')}
            testId="advice-table"
          />
        </section>
      )}
      {!plan.data && !plan.error && <p class="muted">{t(lang, 'loading')}</p>}
    </div>
  );
}

type PlanDraft = { counter: WhatIfCounter; staffed: boolean; from: string; until: string }[];

export function WhatIfPage(props: { branchId: string; lang: Lang }) {
  const { lang, branchId } = props;
  const branch = useBranch(branchId);
  const days = useLoad(() => adviceApi.days(branchId), [branchId]);
  const [day, setDay] = useState<string | null>(null);
  const [balancing, setBalancing] = useState<Balancing | ''>('');
  const [draft, setDraft] = useState<{ day: string; plan: PlanDraft } | null>(null);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const config = branch.data?.config;
  const chosen = day ?? days.data?.days[0] ?? null;
  const titleOf = (id: string) => {
    const s = config?.services.find((x) => x.id === id);
    return s ? localized(lang, s.title) : id;
  };
  const counterTitle = (id: string) => {
    const c = config?.counters.find((x) => x.id === id);
    return c ? localized(lang, c.title) : id;
  };

  const run = async (resetPlan = false) => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const own = draft && draft.day === chosen && !resetPlan ? draft.plan : null;
      const counters = own
        ?.filter((p) => p.staffed)
        .map((p) => ({ ...p.counter, windows: [{ from: p.from, until: p.until }] }));
      const r = await adviceApi.whatIf(branchId, {
        day: chosen,
        ...(balancing ? { balancing } : {}),
        ...(counters ? { counters } : {}),
      });
      setResult(r);
      if (!own) {
        setDraft({
          day: chosen,
          plan: r.plan.map((c) => ({
            counter: c,
            staffed: true,
            from: c.windows?.[0]?.from ?? '08:00',
            until: c.windows?.[c.windows.length - 1]?.until ?? '16:00',
          })),
        });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const edit = (i: number, change: Partial<PlanDraft[number]>) =>
    setDraft((d) => (d ? { ...d, plan: d.plan.map((p, j) => (j === i ? { ...p, ...change } : p)) } : d));

  return (
    <div class="advice" data-testid="what-if-page">
      <PageHead title={t(lang, 'whatIfTitle')} intro={t(lang, 'whatIfIntro')} />
      {(branch.error || days.error) && (
        <LoadFailed
          lang={lang}
          error={branch.error ?? days.error}
          onReload={() => {
            branch.reload();
            days.reload();
          }}
        />
      )}
      {days.data && days.data.days.length === 0 && <Banner tone="info">{t(lang, 'noDays')}</Banner>}
      {days.data && days.data.days.length > 0 && (
        <section class="advice-section">
          <div class="whatif-form">
            <label class="ui-field">
              <span class="ui-field__label">{t(lang, 'day')}</span>
              <select
                class="ui-input"
                data-testid="what-if-day"
                value={chosen ?? ''}
                onChange={(e) => {
                  setDay((e.target as HTMLSelectElement).value);
                  setResult(null);
                }}
              >
                {days.data.days.map((d) => (
                  <option key={d} value={d}>
                    {jalaliDate(noon(d), lang, 'UTC')}
                  </option>
                ))}
              </select>
            </label>
            <label class="ui-field">
              <span class="ui-field__label">{t(lang, 'balancing')}</span>
              <select
                class="ui-input"
                data-testid="what-if-balancing"
                value={balancing}
                onChange={(e) => setBalancing((e.target as HTMLSelectElement).value as Balancing | '')}
              >
                <option value="">{t(lang, 'asConfigured')}</option>
                {(['strict', 'proportional', 'longest-wait'] as const).map((b) => (
                  <option key={b} value={b}>
                    {t(lang, b)}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="primary" busy={busy} onClick={() => run()} data-testid="what-if-run">
              {busy ? t(lang, 'running') : t(lang, 'run')}
            </Button>
            {draft && draft.day === chosen && (
              <Button onClick={() => run(true)} data-testid="what-if-reset">
                {t(lang, 'resetPlan')}
              </Button>
            )}
          </div>
          {error ? <LoadFailed lang={lang} error={error} onReload={() => run()} /> : null}
          {draft && draft.day === chosen && (
            <fieldset class="whatif-plan" data-testid="what-if-plan">
              <legend>{t(lang, 'plan')}</legend>
              <p class="muted">{t(lang, 'planHint')}</p>
              {draft.plan.map((p, i) => (
                <div class="whatif-plan__row" key={p.counter.id} data-testid={`plan-${p.counter.id}`}>
                  <label>
                    <input
                      type="checkbox"
                      checked={p.staffed}
                      onChange={(e) => edit(i, { staffed: (e.target as HTMLInputElement).checked })}
                      data-testid={`plan-staffed-${p.counter.id}`}
                    />{' '}
                    <span class="whatif-plan__name">{counterTitle(p.counter.id)}</span>
                  </label>
                  <span class="muted">
                    {p.counter.services.map((s) => titleOf(s.serviceId)).join(lang === 'fa' ? '، ' : ', ')}
                  </span>
                  <span class="row nowrap">
                    <span aria-hidden="true">{t(lang, 'from')}</span>
                    <TimeSelect
                      label={`${counterTitle(p.counter.id)}: ${t(lang, 'from')}`}
                      lang={lang}
                      value={p.from}
                      onChange={(v) => edit(i, { from: v })}
                      testId={`plan-from-${p.counter.id}`}
                    />
                  </span>
                  <span class="row nowrap">
                    <span aria-hidden="true">{t(lang, 'until')}</span>
                    <TimeSelect
                      label={`${counterTitle(p.counter.id)}: ${t(lang, 'until')}`}
                      lang={lang}
                      value={p.until}
                      onChange={(v) => edit(i, { until: v })}
                      testId={`plan-until-${p.counter.id}`}
                    />
                  </span>
                </div>
              ))}
            </fieldset>
          )}
        </section>
      )}
      {result && <Results lang={lang} result={result} titleOf={titleOf} />}
    </div>
  );
}

/** Clock times every half hour (and the value itself), in the reader's digits: a native time input
 * would show the browser's own digits and AM/PM whatever the page's language. */
function TimeSelect(props: {
  label: string;
  lang: Lang;
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  const times: string[] = [];
  for (let m = 0; m <= 24 * 60; m += 30)
    times.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  if (!times.includes(props.value)) times.push(props.value);
  times.sort();
  return (
    <select
      class="ui-input"
      aria-label={props.label}
      value={props.value}
      data-testid={props.testId}
      onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
    >
      {times.map((x) => (
        <option key={x} value={x}>
          {props.lang === 'fa' ? toPersianDigits(x) : x}
        </option>
      ))}
    </select>
  );
}

function Results(props: { lang: Lang; result: WhatIfResult; titleOf: (id: string) => string }) {
  const { lang, result } = props;
  const sets: [string, WaitComparison][] = [
    ['recorded', result.recorded],
    ['configured', result.configured],
    ['changed', result.changed],
  ];
  const figures: [string, (s: WaitStats) => string, (s: WaitStats) => number][] = [
    ['mean', (s) => num(lang, s.meanMinutes, 1), (s) => s.meanMinutes],
    ['p90', (s) => num(lang, s.p90Minutes, 1), (s) => s.p90Minutes],
    ['pastTarget', (s) => num(lang, s.pastTarget), (s) => s.pastTarget],
    ['uncalled', (s) => num(lang, s.uncalled), (s) => s.uncalled],
  ];
  const mark = (changed: number, configured: number) =>
    changed < configured ? 'whatif-better' : changed > configured ? 'whatif-worse' : undefined;
  const table = (label: string, pickStats: (c: WaitComparison) => WaitStats | undefined, testId: string) => (
    <div class="ui-table-wrap">
      <table class="ui-table" data-testid={testId}>
        <caption class="ui-table__caption">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'figure')}</th>
            {sets.map(([k]) => (
              <th scope="col" class="ui-table__num" key={k}>
                {t(lang, k as 'recorded')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figures.map(([k, show, value]) => {
            const conf = pickStats(result.configured);
            const chg = pickStats(result.changed);
            return (
              <tr key={k}>
                <th scope="row">{t(lang, k as 'mean')}</th>
                {sets.map(([name, c]) => {
                  const s = pickStats(c);
                  return (
                    <td
                      class={`ui-table__num ${name === 'changed' && conf && chg ? (mark(value(chg), value(conf)) ?? '') : ''}`}
                      key={name}
                      data-testid={`${testId}-${name}-${k}`}
                    >
                      {s ? show(s) : '—'}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  return (
    <section class="advice-section" data-testid="what-if-results">
      <h2>{t(lang, 'results', { n: num(lang, result.tickets) })}</h2>
      {table(t(lang, 'overall'), (c) => c.overall, 'what-if-overall')}
      <h3>{t(lang, 'perService')}</h3>
      {result.configured.services.map((s) =>
        table(
          props.titleOf(s.serviceId),
          (c) => c.services.find((x) => x.serviceId === s.serviceId)?.stats,
          `what-if-${s.serviceId}`,
        ),
      )}
    </section>
  );
}
