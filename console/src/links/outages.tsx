// [SY7] The outage log on the branch links page — the record SSO instruction 1 asks branches to report:
// a branch (an admin may choose; a supervisor's is their own) and a Jalali range, each outage from when
// to when (or still under way) and its length, the total per branch, and the rows as CSV.
import { formatDateTime } from '@nobat/client';
import { Button, type Column, Field, Table } from '@nobat/client/preact';
import {
  type BranchLinkListItem,
  type BranchListItem,
  BranchOutage,
  type Lang,
  localDigits,
  type SessionUser,
} from '@nobat/protocol';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { api } from '../api.ts';
import { t } from '../i18n.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { jalaliInput, localToday, parseJalaliInput } from '../reports/period.ts';
import {
  addDays,
  type BranchTotal,
  type DayRange,
  outageMs,
  outagesCsv,
  serverRange,
  totalsByBranch,
  withinLocal,
} from './model.ts';
import { fill, type LinksWord, lengthText } from './words.ts';

type Row = { outage: BranchOutage; ms: number };
type Draft = { branchId: string; fromText: string; toText: string };

/** The days the log opens on: the last 30, today included. */
const DEFAULT_DAYS = 30;

export function OutageLog(props: {
  lang: Lang;
  user: SessionUser;
  branches: readonly BranchListItem[];
  links: readonly BranchLinkListItem[];
  /** Bumped by the page's refresh: the log is read again. */
  tick: number;
  nameOf: (branchId: string) => string;
}) {
  const { lang, user, nameOf } = props;
  const isAdmin = user.role === 'admin';
  const initial = useMemo<DayRange>(() => {
    const today = localToday(Date.now());
    return { from: addDays(today, 1 - DEFAULT_DAYS), to: today };
  }, []);
  const [draft, setDraft] = useState<Draft>({
    branchId: '',
    fromText: jalaliInput(initial.from, lang),
    toText: jalaliInput(initial.to, lang),
  });
  const [errors, setErrors] = useState<{ from?: LinksWord; to?: LinksWord }>({});
  const [applied, setApplied] = useState<{ branchId: string; range: DayRange }>({ branchId: '', range: initial });
  // The dates typed follow the language switch (Persian digits in Persian, Latin in English).
  useEffect(() => {
    const again = (text: string) => {
      const day = parseJalaliInput(text);
      return day ? jalaliInput(day, lang) : text;
    };
    setDraft((d) => ({ ...d, fromText: again(d.fromText), toText: again(d.toText) }));
  }, [lang]);

  const asked = serverRange(applied.range);
  const outages = useLoad(
    () =>
      api.get(z.array(BranchOutage), '/api/v1/sync/outages', {
        query: { ...asked, branchId: applied.branchId || undefined },
      }),
    [applied.branchId, applied.range.from, applied.range.to, props.tick],
  );
  const rows: Row[] = withinLocal(outages.data ?? [], applied.range).map((o) => ({
    outage: o,
    ms: outageMs(o, props.links, Date.now()),
  }));
  const totals = totalsByBranch(rows);

  const apply = (e: Event) => {
    e.preventDefault();
    const from = parseJalaliInput(draft.fromText);
    const to = parseJalaliInput(draft.toText);
    const found: { from?: LinksWord; to?: LinksWord } = {};
    if (!from) found.from = 'badDate';
    if (!to) found.to = 'badDate';
    if (from && to && from > to) found.to = 'badOrder';
    setErrors(found);
    if (!from || !to || found.to) return;
    setApplied({ branchId: isAdmin ? draft.branchId : '', range: { from, to } });
  };

  const download = () => {
    const blob = new Blob([outagesCsv(lang, rows, nameOf)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `branch-outages-${applied.range.from}-${applied.range.to}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const columns: Column<Row>[] = [
    {
      key: 'branch',
      header: fill(lang, 'branch'),
      cell: (r) => <span data-user-text>{nameOf(r.outage.branchId)}</span>,
    },
    {
      key: 'from',
      header: fill(lang, 'outageFrom'),
      cell: (r) => <time dateTime={r.outage.from}>{formatDateTime(lang, r.outage.from)}</time>,
    },
    {
      key: 'to',
      header: fill(lang, 'outageTo'),
      cell: (r) =>
        r.outage.to ? (
          <time dateTime={r.outage.to}>{formatDateTime(lang, r.outage.to)}</time>
        ) : (
          <span class="status status--off" data-testid="outage-ongoing">
            {fill(lang, 'ongoing')}
          </span>
        ),
    },
    {
      key: 'length',
      header: fill(lang, 'length'),
      cell: (r) => <span data-testid="outage-length">{lengthText(lang, r.ms)}</span>,
    },
  ];
  const totalColumns: Column<BranchTotal>[] = [
    { key: 'branch', header: fill(lang, 'branch'), cell: (b) => <span data-user-text>{nameOf(b.branchId)}</span> },
    { key: 'count', header: fill(lang, 'outageCount'), numeric: true, cell: (b) => localDigits(lang, b.count) },
    {
      key: 'total',
      header: fill(lang, 'total'),
      cell: (b) => (
        <>
          <strong data-testid="outage-total">{lengthText(lang, b.totalMs)}</strong>
          {b.ongoing && <span class="muted small"> {fill(lang, 'withOngoing')}</span>}
        </>
      ),
    },
  ];
  const own = props.branches.find((b) => b.id === user.branchId);
  // One hint under the form for both dates (so the button lines up with the fields), read with each.
  const hintId = useId();

  return (
    <section
      class="page-section page-section--tight"
      aria-labelledby="outages-title"
      aria-busy={outages.loading ? 'true' : undefined}
      data-testid="outage-log"
    >
      <div class="links-head">
        <div>
          <h2 id="outages-title">{fill(lang, 'outagesTitle')}</h2>
          <p class="muted small">{fill(lang, 'outagesIntro')}</p>
        </div>
        <Button small onClick={download} disabled={rows.length === 0} data-testid="outages-csv">
          {fill(lang, 'csv')}
        </Button>
      </div>
      <form class="links-filters" onSubmit={apply} data-testid="outages-form">
        {isAdmin ? (
          <Field label={fill(lang, 'branch')}>
            {(c) => (
              <select
                {...c}
                value={draft.branchId}
                onChange={(e) => setDraft({ ...draft, branchId: e.currentTarget.value })}
                data-testid="outages-branch"
              >
                <option value="">{fill(lang, 'allBranches')}</option>
                {props.branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {nameOf(b.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p class="links-own" data-testid="outages-own-branch">
            {fill(lang, 'yourBranch', { name: own ? nameOf(own.id) : (user.branchId ?? '') })}
          </p>
        )}
        <DayField
          label={fill(lang, 'from')}
          error={errors.from ? fill(lang, errors.from) : null}
          hintId={hintId}
          value={draft.fromText}
          onInput={(text) => setDraft({ ...draft, fromText: text })}
          testId="outages-from"
        />
        <DayField
          label={fill(lang, 'to')}
          error={errors.to ? fill(lang, errors.to) : null}
          hintId={hintId}
          value={draft.toText}
          onInput={(text) => setDraft({ ...draft, toText: text })}
          testId="outages-to"
        />
        <div class="links-filters__go">
          <Button type="submit" variant="primary" data-testid="outages-show">
            {fill(lang, 'show')}
          </Button>
        </div>
      </form>
      <p class="ui-field__hint" id={hintId}>
        {fill(lang, 'dateHint')}
      </p>
      {outages.error !== null && <LoadFailed lang={lang} error={outages.error} onReload={outages.reload} />}
      <Table
        caption={fill(lang, 'outagesTitle')}
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.outage.branchId}/${r.outage.from}`}
        empty={outages.data ? fill(lang, 'noOutages') : t(lang, 'loading')}
        testId="outages-table"
      />
      {totals.length > 0 && (
        <>
          <h3 class="small-heading">{fill(lang, 'totalsTitle')}</h3>
          <Table
            caption={fill(lang, 'totalsTitle')}
            columns={totalColumns}
            rows={totals}
            rowKey={(b) => b.branchId}
            empty=""
            testId="outage-totals"
          />
        </>
      )}
    </section>
  );
}

/** One end of the range: a Jalali day, typed, read with the form's one hint (`hintId`) as well as its own. */
function DayField(props: {
  label: string;
  error: string | null;
  hintId: string;
  value: string;
  onInput: (text: string) => void;
  testId: string;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(c) => (
        <input
          {...c}
          aria-describedby={[props.hintId, c['aria-describedby']].filter(Boolean).join(' ')}
          dir="ltr"
          inputMode="numeric"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          data-testid={props.testId}
        />
      )}
    </Field>
  );
}
