// A branch's floor plan in the console (issue 12, point 4): service groups, sub-services with their
// information package and workflow table, priority classes, counters and who serves what, and bulk
// export, import and copy. The state lives in useFloorPlan; the tabs only render it.

import { ApiError } from '@nobat/client';
import { Banner, buttonClass } from '@nobat/client/preact';

import { clockTime, type Lang, localized } from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { FloorApi } from './api.ts';
import { FloorBanners } from './banners.tsx';
import { BulkTab } from './bulk.tsx';
import { useConfirm } from './confirm.tsx';
import { CountersTab } from './counters.tsx';
import { Floor, type FloorContext } from './fields.tsx';
import { GroupsTab } from './groups.tsx';
import { useLeaveGuard } from './leave-guard.ts';
import { formatNumber } from './numbers.ts';
import { PrioritiesTab } from './priorities.tsx';
import { arrowTabs, ServicesTab } from './services.tsx';
import { type FloorTab, placeOf, type ServiceSection } from './state.ts';
import { useFloorPlan } from './use-floor-plan.ts';
import { t } from './words.ts';
import './floor.css';

export { useFloorPlan } from './use-floor-plan.ts';

const TABS: FloorTab[] = ['groups', 'services', 'priorities', 'counters', 'bulk'];
const TAB_PATHS: Record<FloorTab, string | null> = {
  groups: 'groups',
  services: 'services',
  priorities: 'priorities',
  counters: 'counters',
  bulk: null,
};

export interface FloorPlanProps {
  branchId: string;
  lang: Lang;
  role: 'admin' | 'supervisor';
  /** For tests: the server conversations (default: the admin API of this origin). */
  api?: FloorApi;
}

export function FloorPlanPage(props: FloorPlanProps) {
  const { lang, branchId } = props;
  const plan = useFloorPlan(branchId, props.api);
  const [tab, setTab] = useState<FloorTab>('groups');
  const [service, setService] = useState(0);
  const [section, setSection] = useState<ServiceSection>('general');

  const [confirm, dialog] = useConfirm(lang);
  const error = plan.error;
  const ctx = useMemo<FloorContext>(
    () => ({
      lang,
      confirm,
      errorsAt: (path, deep) =>
        (error instanceof ApiError
          ? deep
            ? error.issuesAt(path)
            : error.issues.filter((i) => i.path === path)
          : []
        ).map((i) => i.message),
    }),
    [lang, error, confirm],
  );

  // A refusal opens where its first problem is, so the person sees the field the server named.
  useEffect(() => {
    const issue = error?.issues.find((i) => placeOf(i.path) !== null);
    const first = issue && placeOf(issue.path);
    if (!issue || !first) return;
    setTab(first.tab);
    if (first.service !== undefined) setService(first.service);
    if (first.section) setSection(first.section);
    // Once that tab is drawn, the field itself comes into view with the cursor in it.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => focusField(issue.path)));
    return () => cancelAnimationFrame(frame);
  }, [error]);

  const { save } = plan;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const reload = useCallback(async () => {
    if (plan.dirty && !plan.conflict) {
      const yes = await confirm({
        title: t(lang, 'leaveTitle'),
        body: t(lang, 'confirmReload'),
        ok: t(lang, 'reload'),
      });
      if (!yes) return;
    }
    void plan.reload();
  }, [plan, lang, confirm]);

  const discard = useCallback(async () => {
    const yes = await confirm({
      title: t(lang, 'confirmDiscard'),
      body: t(lang, 'confirmDiscardBody'),
      ok: t(lang, 'discard'),
    });
    if (yes) plan.discard();
  }, [plan, lang, confirm]);

  useLeaveGuard(plan.dirty, confirm, lang);

  const dir = lang === 'fa' ? 'rtl' : 'ltr';
  if (plan.phase !== 'ready' || !plan.draft || !plan.base) {
    return (
      // The same frame as the loaded page, so the heading the console focuses stays the same element.
      <Floor.Provider value={ctx}>
        <div class="fp" dir={dir} lang={lang}>
          <header class="fp-head">
            <div class="fp-head-text">
              <h1 data-heading tabIndex={-1} data-testid="page-title">
                {t(lang, 'title')}
              </h1>
            </div>
          </header>
          {plan.phase === 'failed' ? (
            <div class="fp-banner">
              <Banner
                tone="error"
                title={t(lang, 'loadFailed')}
                testId="load-error"
                actions={
                  <button type="button" class={buttonClass()} onClick={() => void plan.reload()}>
                    {t(lang, 'retry')}
                  </button>
                }
              >
                {plan.error && <p>{plan.error.text[lang]}</p>}
              </Banner>
            </div>
          ) : (
            <p class="fp-loading" role="status">
              {t(lang, 'loading')}
            </p>
          )}
        </div>
      </Floor.Provider>
    );
  }

  const cfg = plan.draft;
  const { base } = plan;
  const edit = plan.edit;
  const selected = Math.min(service, Math.max(0, cfg.services.length - 1));
  return (
    <Floor.Provider value={ctx}>
      <div class="fp" dir={dir} lang={lang} data-testid="floor-plan">
        <header class="fp-head">
          <div class="fp-head-text">
            <h1 data-heading tabIndex={-1} data-testid="page-title">
              {t(lang, 'title')}
            </h1>
            <p class="fp-meta" data-testid="version">
              <span data-testid="branch-name">{localized(lang, cfg.branch.name)}</span>
              {' · '}
              {t(lang, 'version')} {formatNumber(lang, base.version)}
              {base.changed && (
                <>
                  {' · '}
                  {t(lang, 'changedBy')} <bdi data-own-text>{base.changed.by.name}</bdi> {t(lang, 'at')}{' '}
                  {clockTime(base.changed.at, lang)}
                </>
              )}
              {' · '}
              <span class={plan.dirty ? 'fp-dirty' : 'fp-clean'} data-testid="dirty-state">
                {plan.dirty ? t(lang, 'unsaved') : t(lang, 'allSaved')}
              </span>
            </p>
          </div>
          <div class="fp-actions">
            <button
              type="button"
              class={buttonClass()}
              data-testid="discard"
              disabled={!plan.dirty || plan.saving}
              onClick={() => void discard()}
            >
              {t(lang, 'discard')}
            </button>
            <button
              type="button"
              class={buttonClass('primary')}
              data-testid="save"
              aria-keyshortcuts="Control+S"
              title={t(lang, 'saveShortcut')}
              disabled={!plan.dirty || plan.saving || plan.conflict !== null}
              onClick={() => void plan.save()}
            >
              {plan.saving ? t(lang, 'saving') : t(lang, 'save')}
            </button>
          </div>
        </header>
        {dialog}
        <FloorBanners lang={lang} plan={plan} onReload={() => void reload()} />
        <div class="fp-tabs" role="tablist" aria-label={t(lang, 'title')}>
          {TABS.map((id) => {
            const prefix = TAB_PATHS[id];
            const bad = prefix !== null && ctx.errorsAt(prefix, true).length > 0;
            return (
              <button
                key={id}
                type="button"
                role="tab"
                id={`fp-tab-${id}`}
                aria-selected={tab === id}
                aria-controls="fp-tab-panel"
                tabIndex={tab === id ? 0 : -1}
                data-testid={`tab-${id}`}
                class={tab === id ? 'fp-current' : undefined}
                onClick={() => setTab(id)}
                onKeyDown={(e) => arrowTabs(e, TABS, tab, setTab, lang)}
              >
                {t(lang, `tab_${id}`)}
                {bad && <span class="fp-dot" role="img" aria-label={t(lang, 'hasErrors')} />}
              </button>
            );
          })}
        </div>
        <div class="fp-body" id="fp-tab-panel" role="tabpanel" aria-labelledby={`fp-tab-${tab}`}>
          {tab === 'groups' && <GroupsTab cfg={cfg} edit={edit} />}
          {tab === 'services' && (
            <ServicesTab
              cfg={cfg}
              edit={edit}
              selected={selected}
              select={setService}
              section={section}
              setSection={setSection}
            />
          )}
          {tab === 'priorities' && <PrioritiesTab cfg={cfg} edit={edit} />}
          {tab === 'counters' && <CountersTab cfg={cfg} edit={edit} />}
          {tab === 'bulk' && (
            <BulkTab
              branchId={branchId}
              role={props.role}
              dirty={plan.dirty}
              busy={plan.saving}
              importFile={plan.importFile}
              copy={plan.copy}
              api={plan.api}
            />
          )}
        </div>
      </div>
    </Floor.Provider>
  );
}

/** Scrolls to the field of a zod path (or the nearest enclosing part the page marks) and focuses it. */
function focusField(path: string): void {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (!el) continue;
    el.scrollIntoView({ block: 'center' });
    el.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
    return;
  }
}
