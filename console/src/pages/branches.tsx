// Every branch in one table (an admin's view): open one for its services and counters, or its details.
import { changedByText } from '@nobat/client';
import { type Column, Table } from '@nobat/client/preact';
import { type Lang, localDigits, localized, type SessionUser } from '@nobat/protocol';
import { useMemo } from 'preact/hooks';
import type { BranchListItem } from '../api.ts';
import { WORDS as HEALTH_WORDS } from '../health/words.ts';
import { t } from '../i18n.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { Link } from '../router.tsx';
import { PageHead } from '../shell.tsx';

export function BranchesPage(props: { lang: Lang; user: SessionUser }) {
  const { lang } = props;
  const branches = useLoad(() => loadBranches(), [props.user.id]);
  const columns = useMemo<Column<BranchListItem>[]>(
    () => [
      {
        key: 'name',
        header: t(lang, 'name'),
        sortBy: (b) => localized(lang, b.name),
        cell: (b) => (
          <Link to={`/branches/${encodeURIComponent(b.id)}`} class="strong-link">
            {localized(lang, b.name)}
          </Link>
        ),
      },
      { key: 'id', header: t(lang, 'id'), sortBy: (b) => b.id, cell: (b) => <code dir="ltr">{b.id}</code> },
      {
        key: 'type',
        header: t(lang, 'branchType'),
        numeric: true,
        sortBy: (b) => b.type,
        cell: (b) => localDigits(lang, b.type),
      },
      {
        key: 'office',
        header: t(lang, 'office'),
        sortBy: (b) => b.provincialOfficeId,
        cell: (b) => <code dir="ltr">{b.provincialOfficeId}</code>,
      },
      {
        key: 'changed',
        header: t(lang, 'lastChange'),
        sortBy: (b) => b.changed?.at ?? '',
        cell: (b) => changedByText(lang, b.changed) ?? t(lang, 'none'),
      },
      {
        key: 'actions',
        header: t(lang, 'actions'),
        srOnlyHeader: true,
        cell: (b) => (
          <div class="row">
            <Link
              to={`/branches/${encodeURIComponent(b.id)}/settings`}
              class="ui-button ui-button--small ui-button--secondary"
            >
              {t(lang, 'branchDetails')}
            </Link>
            {/* An admin reaches a branch's alerts and devices from here (a supervisor from the menu). */}
            <Link
              to={`/branches/${encodeURIComponent(b.id)}/alerts`}
              class="ui-button ui-button--small ui-button--secondary"
            >
              {HEALTH_WORDS.navAlerts[lang]}
            </Link>
            <Link
              to={`/branches/${encodeURIComponent(b.id)}/device-health`}
              class="ui-button ui-button--small ui-button--secondary"
            >
              {HEALTH_WORDS.navDeviceHealth[lang]}
            </Link>
            <Link
              to={`/branches/${encodeURIComponent(b.id)}/live`}
              class="ui-button ui-button--small ui-button--secondary"
              data-testid={`live-${b.id}`}
            >
              {t(lang, 'navLive')}
            </Link>
          </div>
        ),
      },
    ],
    [lang],
  );
  return (
    <>
      <PageHead title={t(lang, 'navBranches')} intro={t(lang, 'branchesIntro')} />
      {branches.error !== null && <LoadFailed lang={lang} error={branches.error} onReload={branches.reload} />}
      <Table
        caption={t(lang, 'navBranches')}
        columns={columns}
        rows={branches.data ?? []}
        rowKey={(b) => b.id}
        empty={branches.loading ? t(lang, 'loading') : t(lang, 'nothingYet')}
        initialSort={{ key: 'name', dir: 'asc' }}
        sortLabel={t(lang, 'sortBy')}
        testId="branches-table"
      />
    </>
  );
}
