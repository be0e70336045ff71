// The branch's requests for its supervisor or an admin (issue 16): filters (state, unit, overdue, a
// search by code, national ID or name), each request's step and due time, kept live; open one.
import { Button, Field } from '@nobat/client/preact';
import { type Lang, normalizeTrackingCode, type RequestState, RequestState as States } from '@nobat/protocol';
import { useMemo, useState } from 'preact/hooks';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { requestsApi } from './api.ts';
import { useLiveList } from './live.ts';
import { type ListFilters, listKeeps } from './model.ts';
import { RequestTable } from './table.tsx';
import { STATE_TEXT, t } from './words.ts';
import './requests.css';

export function BranchRequestsPage(props: { lang: Lang; branchId: string }) {
  const { lang, branchId } = props;
  const units = useLoad(() => requestsApi.units(branchId), [branchId]);
  const [filters, setFilters] = useState<ListFilters>({});
  const [search, setSearch] = useState('');
  const keeps = useMemo(() => listKeeps(filters), [filters]);
  const key = JSON.stringify([branchId, filters]);
  const list = useLiveList(() => requestsApi.list({ branchId, ...filters }), {
    key,
    branchId,
    keeps,
    // A search the server answers (a national ID is not in a summary): changes only update its rows.
    addNew: !filters.q,
  });
  const set = (patch: Partial<ListFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const find = (e: Event) => {
    e.preventDefault();
    const text = search.trim();
    // A code typed with Persian digits or dashes is the code; anything else goes as typed.
    const code = normalizeTrackingCode(text);
    set({ q: text ? (/^\d{10}$/.test(code) ? code : text) : undefined });
  };
  return (
    <div class="rq-page" data-testid="branch-requests-page">
      <PageHead title={t(lang, 'branchTitle')} intro={t(lang, 'branchIntro')} />
      <form class="filters rq-filters" onSubmit={find} data-testid="requests-filters">
        <Field label={t(lang, 'state')}>
          {(c) => (
            <select
              {...c}
              value={filters.state ?? ''}
              data-testid="filter-state"
              onChange={(e) => set({ state: (e.currentTarget.value || undefined) as RequestState | undefined })}
            >
              <option value="">{t(lang, 'all')}</option>
              {States.options.map((s) => (
                <option key={s} value={s}>
                  {STATE_TEXT[s][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t(lang, 'unit')}>
          {(c) => (
            <select
              {...c}
              value={filters.unit ?? ''}
              data-testid="filter-unit"
              onChange={(e) => set({ unit: e.currentTarget.value || undefined })}
            >
              <option value="">{t(lang, 'all')}</option>
              {(units.data ?? []).map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label class="ui-check rq-filters__check">
          <input
            type="checkbox"
            checked={filters.overdue === true}
            data-testid="filter-overdue"
            onChange={(e) => set({ overdue: e.currentTarget.checked || undefined })}
          />
          <span>{t(lang, 'onlyOverdue')}</span>
        </label>
        <Field label={t(lang, 'search')} hint={t(lang, 'searchHint')}>
          {(c) => (
            <input
              {...c}
              type="search"
              dir="auto"
              value={search}
              data-testid="filter-q"
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" data-testid="filter-find">
          {t(lang, 'find')}
        </Button>
      </form>
      {list.error !== null ? (
        <LoadFailed lang={lang} error={list.error} onReload={list.reload} />
      ) : (
        <RequestTable
          lang={lang}
          rows={list.rows}
          caption={t(lang, 'branchTitle')}
          empty={list.loading ? '…' : t(lang, 'noneFound')}
          wide
          testId="requests-table"
        />
      )}
      {units.error !== null && <LoadFailed lang={lang} error={units.error} onReload={units.reload} />}
    </div>
  );
}
