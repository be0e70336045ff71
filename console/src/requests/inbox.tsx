// The unit's inbox (issue 16 point 2): what an officer signs in to. The requests at their unit now
// (the server gives an officer nothing else), due first, kept live over '/requests'.
import { Banner } from '@nobat/client/preact';
import type { Lang, SessionUser } from '@nobat/protocol';
import { useMemo } from 'preact/hooks';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { requestsApi } from './api.ts';
import { useLiveList } from './live.ts';
import { inboxKeeps } from './model.ts';
import { RequestTable } from './table.tsx';
import { t } from './words.ts';
import './requests.css';

export function InboxPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user } = props;
  const unit = user.unit ?? '';
  const keeps = useMemo(() => inboxKeeps(unit), [unit]);
  const list = useLiveList(() => requestsApi.list({ state: 'in-progress' }), {
    key: `${user.id}/${unit}`,
    branchId: user.branchId,
    keeps,
  });
  return (
    <div class="rq-page" data-testid="inbox-page">
      <PageHead title={t(lang, 'inboxTitle')} intro={t(lang, 'inboxIntro')} />
      {unit && (
        <p class="rq-unit" data-testid="inbox-unit">
          {t(lang, 'yourUnit')}: <strong data-user-text>{unit}</strong>
        </p>
      )}
      {!unit && (
        <Banner tone="warn" testId="no-unit">
          <p>{t(lang, 'noUnit')}</p>
        </Banner>
      )}
      {!list.online && !list.loading && (
        <p class="muted small" role="status" data-testid="inbox-offline">
          {t(lang, 'offline')}
        </p>
      )}
      {list.error !== null ? (
        <LoadFailed lang={lang} error={list.error} onReload={list.reload} />
      ) : (
        <RequestTable
          lang={lang}
          rows={list.rows}
          caption={t(lang, 'inboxTitle')}
          empty={list.loading ? '…' : t(lang, 'inboxEmpty')}
          testId="inbox-table"
        />
      )}
    </div>
  );
}
