// The audit log: every admin change (who, when, what, on what), newest first, filtered by branch
// and kind; a change opens to its changed fields and the record before and after.
import { formatDateTime } from '@nobat/client';
import { Button, type Column, Field, Modal, Table } from '@nobat/client/preact';
import {
  type AuditAction,
  type AuditEntry,
  type AuditTargetKind,
  type Lang,
  localDigits,
  localized,
  type SessionUser,
} from '@nobat/protocol';
import { useMemo, useState } from 'preact/hooks';
import { AuditPage as AuditPageSchema, api } from '../api.ts';
import { t, type Word } from '../i18n.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead, roleWord } from '../shell.tsx';

const ACTION_WORD: Record<AuditAction, Word> = {
  create: 'actionCreate',
  update: 'actionUpdate',
  delete: 'actionDelete',
  import: 'actionImport',
  copy: 'actionCopy',
  revoke: 'actionRevoke',
  'reset-password': 'actionResetPassword',
  'counter-open': 'actionCounterOpen',
  'counter-pause': 'actionCounterPause',
  'counter-resume': 'actionCounterResume',
  'counter-close': 'actionCounterClose',
  'ticket-move': 'actionTicketMove',
  'ticket-cancel': 'actionTicketCancel',
  test: 'actionTest',
  acknowledge: 'actionAcknowledge',
};
const KIND_WORD: Record<AuditTargetKind, Word> = {
  organisation: 'kindOrganisation',
  'provincial-office': 'kindOffice',
  branch: 'kindBranch',
  user: 'kindUser',
  device: 'kindDevice',
  counter: 'kindCounter',
  ticket: 'kindTicket',
  alert: 'kindAlert',
  'branch-link': 'kindBranchLink',
};

export function AuditPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user: me } = props;
  const isAdmin = me.role === 'admin';
  const [branchFilter, setBranchFilter] = useState('');
  const [kind, setKind] = useState<AuditTargetKind | ''>('');
  const branchId = isAdmin ? branchFilter || undefined : (me.branchId ?? undefined);
  const [more, setMore] = useState<{ entries: AuditEntry[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const first = useLoad(() => {
    setMore(null);
    return api.get(AuditPageSchema, '/api/v1/admin/audit', { query: { branchId, kind: kind || undefined, limit: 50 } });
  }, [branchId, kind]);
  const branches = useLoad(() => loadBranches(), [me.id]);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const entries = [...(first.data?.entries ?? []), ...(more?.entries ?? [])];
  const next = more ? more.next : (first.data?.next ?? null);
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await api.get(AuditPageSchema, '/api/v1/admin/audit', {
        query: { branchId, kind: kind || undefined, limit: 50, before: next },
      });
      setMore((m) => ({ entries: [...(m?.entries ?? []), ...page.entries], next: page.next }));
    } catch (err) {
      setMoreError(err);
    }
  };
  const branchName = (id: string | null) => {
    if (!id) return t(lang, 'none');
    const b = branches.data?.find((x) => x.id === id);
    return b ? localized(lang, b.name) : id;
  };

  const columns = useMemo<Column<AuditEntry>[]>(
    () => [
      {
        key: 'at',
        header: t(lang, 'when'),
        sortBy: (e) => e.at,
        cell: (e) => <span class="nowrap">{formatDateTime(lang, e.at)}</span>,
      },
      {
        key: 'who',
        header: t(lang, 'who'),
        sortBy: (e) => e.actor.name,
        cell: (e) => (
          <>
            <strong>{e.actor.name}</strong> <span class="muted small">({t(lang, roleWord(e.actor.role))})</span>
          </>
        ),
      },
      { key: 'what', header: t(lang, 'what'), sortBy: (e) => e.action, cell: (e) => t(lang, ACTION_WORD[e.action]) },
      {
        key: 'target',
        header: t(lang, 'target'),
        sortBy: (e) => `${e.target.kind}/${e.target.id}`,
        cell: (e) => (
          <>
            {t(lang, KIND_WORD[e.target.kind])} <code dir="ltr">{e.target.id}</code>
          </>
        ),
      },
      { key: 'branch', header: t(lang, 'branch'), cell: (e) => branchName(e.branchId) },
      {
        key: 'changes',
        header: t(lang, 'changes'),
        numeric: true,
        cell: (e) => localDigits(lang, e.changes.length),
      },
      {
        key: 'details',
        header: t(lang, 'details'),
        srOnlyHeader: true,
        cell: (e) => (
          <Button small onClick={() => setOpen(e)} data-testid={`audit-details-${e.id}`}>
            {t(lang, 'details')}
          </Button>
        ),
      },
    ],
    [lang, branches.data],
  );

  return (
    <>
      <PageHead title={t(lang, 'navAudit')} intro={t(lang, 'auditIntro')} />
      <search class="filters" aria-label={t(lang, 'filter')}>
        {isAdmin && (
          <Field label={t(lang, 'branch')}>
            {(c) => (
              <select
                {...c}
                value={branchFilter}
                onChange={(e) => setBranchFilter(e.currentTarget.value)}
                data-testid="filter-branch"
              >
                <option value="">{t(lang, 'allBranches')}</option>
                {(branches.data ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(lang, b.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t(lang, 'kind')}>
          {(c) => (
            <select
              {...c}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as AuditTargetKind | '')}
              data-testid="filter-kind"
            >
              <option value="">{t(lang, 'allKinds')}</option>
              {(Object.keys(KIND_WORD) as AuditTargetKind[]).map((k) => (
                <option key={k} value={k}>
                  {t(lang, KIND_WORD[k])}
                </option>
              ))}
            </select>
          )}
        </Field>
      </search>
      {(first.error ?? moreError) !== null && (
        <LoadFailed lang={lang} error={first.error ?? moreError} onReload={first.reload} />
      )}
      <Table
        caption={t(lang, 'navAudit')}
        columns={columns}
        rows={entries}
        rowKey={(e) => e.id}
        empty={first.loading ? t(lang, 'loading') : t(lang, 'nothingYet')}
        sortLabel={t(lang, 'sortBy')}
        testId="audit-table"
      />
      {next && (
        <div class="row center-row">
          <Button onClick={loadMore} data-testid="audit-more">
            {t(lang, 'more')}
          </Button>
        </div>
      )}
      {open && (
        <AuditDetail lang={lang} entry={open} branchName={branchName(open.branchId)} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

function AuditDetail(props: { lang: Lang; entry: AuditEntry; branchName: string; onClose: () => void }) {
  const { lang, entry } = props;
  return (
    <Modal
      title={`${t(lang, ACTION_WORD[entry.action])}: ${t(lang, KIND_WORD[entry.target.kind])} ${entry.target.id}`}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      wide
      closeOnBackdrop
      testId="audit-detail"
    >
      <dl class="facts">
        <dt>{t(lang, 'when')}</dt>
        <dd>{formatDateTime(lang, entry.at)}</dd>
        <dt>{t(lang, 'who')}</dt>
        <dd>
          {entry.actor.name} ({t(lang, roleWord(entry.actor.role))})
        </dd>
        <dt>{t(lang, 'branch')}</dt>
        <dd>{props.branchName}</dd>
        {entry.address && (
          <>
            <dt>{t(lang, 'fromAddress')}</dt>
            <dd dir="ltr">{entry.address}</dd>
          </>
        )}
        {(entry.fromVersion !== null || entry.toVersion !== null) && (
          <>
            <dt>{t(lang, 'version')}</dt>
            <dd>
              {t(lang, 'versionFromTo', {
                from: entry.fromVersion === null ? '—' : localDigits(lang, entry.fromVersion),
                to: entry.toVersion === null ? '—' : localDigits(lang, entry.toVersion),
              })}
            </dd>
          </>
        )}
      </dl>
      <h3 class="small-heading">{t(lang, 'changes')}</h3>
      {entry.changes.length === 0 ? (
        <p class="muted">{t(lang, 'none')}</p>
      ) : (
        <div class="ui-table-wrap">
          <table class="ui-table changes-table" data-testid="audit-changes">
            <caption class="sr-only">{t(lang, 'changes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'field')}</th>
                <th scope="col">{t(lang, 'before')}</th>
                <th scope="col">{t(lang, 'after')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.changes.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <code dir="ltr">{c}</code>
                  </th>
                  <td dir="ltr" data-user-text>
                    {shortJson(valueAt(entry.before, c))}
                  </td>
                  <td dir="ltr" data-user-text>
                    {shortJson(valueAt(entry.after, c))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="diff">
        <section>
          <h3 class="small-heading">{t(lang, 'before')}</h3>
          <pre dir="ltr" data-testid="audit-before">
            {entry.before === null || entry.before === undefined ? '—' : JSON.stringify(entry.before, null, 2)}
          </pre>
        </section>
        <section>
          <h3 class="small-heading">{t(lang, 'after')}</h3>
          <pre dir="ltr" data-testid="audit-after">
            {entry.after === null || entry.after === undefined ? '—' : JSON.stringify(entry.after, null, 2)}
          </pre>
        </section>
      </div>
    </Modal>
  );
}

/** The value at a dotted path ("services.2.dailyCap") of a record; undefined when it is not there. */
export function valueAt(record: unknown, path: string): unknown {
  let here: unknown = record;
  for (const part of path.split('.')) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** A value in one short line: absent as "—", long ones cut with an ellipsis. */
export function shortJson(value: unknown, max = 120): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
