// [SY1][SY6][SY7] «پیوند شعبه‌ها» (issue 18 point 5): the branches linked to a branch server, each
// connected or not since when (and for how long while down), the days the centre holds; an admin links
// a branch (its token shown once with the branch server's settings lines) and unlinks one; below, the
// outage log. A supervisor sees their own branch's. Refreshed every 10 s, so a cut link shows by itself.
import { formatDateTime, isoToJalali, jalaliText } from '@nobat/client';
import { Banner, Button, type Column, Table } from '@nobat/client/preact';
import {
  BranchLinkListItem,
  type CreatedBranchLink,
  type Lang,
  localDigits,
  localized,
  type SessionUser,
} from '@nobat/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { api } from '../api.ts';
import { t } from '../i18n.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { LinkDialog, TokenOnce, UnlinkDialog } from './dialogs.tsx';
import { OutageLog } from './outages.tsx';
import { fill, type LinksWord, lengthText } from './words.ts';
import './links.css';

/** How often the page reads the links and the outage log again. */
export const REFRESH_MS = 10_000;
/** The latest days of a link shown in its row (the rest are counted). */
const DAYS_SHOWN = 3;

export function BranchLinksPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user } = props;
  const isAdmin = user.role === 'admin';
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const links = useLoad(() => api.get(z.array(BranchLinkListItem), '/api/v1/admin/branch-links'), [tick]);
  const branches = useLoad(loadBranches, [user.id]);
  const [refreshedAt, setRefreshedAt] = useState<number | null>(null);
  useEffect(() => {
    if (links.data) setRefreshedAt(Date.now());
  }, [links.data]);
  const [linking, setLinking] = useState(false);
  const [created, setCreated] = useState<CreatedBranchLink | null>(null);
  const [unlinking, setUnlinking] = useState<BranchLinkListItem | null>(null);
  const [notice, setNotice] = useState<LinksWord | null>(null);

  const linked = links.data ?? [];
  const nameOf = (branchId: string) => {
    const fromLink = linked.find((l) => l.branchId === branchId)?.name;
    const fromList = branches.data?.find((b) => b.id === branchId)?.name;
    const name = fromLink ?? fromList;
    return name ? localized(lang, name) : branchId;
  };
  const unlinked = (branches.data ?? []).filter((b) => !linked.some((l) => l.branchId === b.id));

  const columns = useMemo<Column<BranchLinkListItem>[]>(() => {
    const cols: Column<BranchLinkListItem>[] = [
      {
        key: 'branch',
        header: fill(lang, 'branch'),
        sortBy: (l) => localized(lang, l.name),
        cell: (l) => (
          <>
            <strong data-user-text>{localized(lang, l.name)}</strong>
            <br />
            <code class="small muted" dir="ltr">
              {l.branchId}
            </code>
          </>
        ),
      },
      { key: 'state', header: fill(lang, 'state'), cell: (l) => <LinkState lang={lang} link={l} /> },
      { key: 'days', header: fill(lang, 'days'), cell: (l) => <DaysHeld lang={lang} days={l.days} /> },
      {
        key: 'created',
        header: fill(lang, 'linkedAt'),
        sortBy: (l) => l.createdAt,
        cell: (l) => <time dateTime={l.createdAt}>{formatDateTime(lang, l.createdAt)}</time>,
      },
    ];
    if (isAdmin) {
      cols.push({
        key: 'actions',
        header: fill(lang, 'actions'),
        srOnlyHeader: true,
        cell: (l) => (
          <Button
            small
            variant="danger"
            onClick={() => {
              setNotice(null);
              setUnlinking(l);
            }}
            data-testid={`unlink-${l.branchId}`}
          >
            {fill(lang, 'unlink')}
          </Button>
        ),
      });
    }
    return cols;
  }, [lang, isAdmin]);

  return (
    <div class="links-page" data-testid="branch-links-page">
      <PageHead
        title={fill(lang, 'title')}
        intro={fill(lang, 'intro')}
        actions={
          isAdmin && (
            <Button
              variant="primary"
              onClick={() => {
                setNotice(null);
                setLinking(true);
              }}
              data-testid="link-branch"
            >
              {fill(lang, 'link')}
            </Button>
          )
        }
      />
      {notice && (
        <Banner tone="success" testId="links-notice">
          <p>{fill(lang, notice)}</p>
        </Banner>
      )}
      <section class="page-section page-section--tight" aria-labelledby="links-title">
        <div class="links-head">
          <h2 id="links-title">{fill(lang, 'linksTitle')}</h2>
          <p class="muted small" role="status" data-testid="links-refreshed">
            {refreshedAt !== null && fill(lang, 'refreshNote', { time: formatTimeOfDay(lang, refreshedAt) })}
          </p>
        </div>
        {links.error !== null && <LoadFailed lang={lang} error={links.error} onReload={links.reload} />}
        <Table
          caption={fill(lang, 'linksTitle')}
          columns={columns}
          rows={linked}
          rowKey={(l) => l.branchId}
          empty={links.data ? fill(lang, isAdmin ? 'emptyAdmin' : 'emptySupervisor') : t(lang, 'loading')}
          sortLabel={fill(lang, 'branch')}
          testId="links-table"
        />
      </section>
      {branches.error !== null && <LoadFailed lang={lang} error={branches.error} onReload={branches.reload} />}
      <OutageLog lang={lang} user={user} branches={branches.data ?? []} links={linked} tick={tick} nameOf={nameOf} />
      {linking && (
        <LinkDialog
          lang={lang}
          branches={unlinked}
          onClose={() => setLinking(false)}
          onLinked={(c) => {
            setLinking(false);
            setCreated(c);
            setNotice('linked');
            links.reload();
          }}
        />
      )}
      {created && (
        <TokenOnce
          lang={lang}
          created={created}
          name={nameOf(created.link.branchId)}
          onClose={() => setCreated(null)}
        />
      )}
      {unlinking && (
        <UnlinkDialog
          lang={lang}
          link={unlinking}
          onClose={() => setUnlinking(null)}
          onDone={() => {
            setUnlinking(null);
            setNotice('unlinked');
            links.reload();
          }}
        />
      )}
    </div>
  );
}

/** «۱۳:۰۵:۰۹», "13:05:09" in Tehran: when the page last heard from the server. */
function formatTimeOfDay(lang: Lang, at: number): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tehran',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return localDigits(lang, text);
}

/** Connected or not, since when; while down, for how long (as the centre measured it). */
function LinkState(props: { lang: Lang; link: BranchLinkListItem }) {
  const { lang, link } = props;
  if (link.since === null) {
    return (
      <div class="link-state" data-state="never">
        <span class="status status--off">{fill(lang, 'never')}</span>
        <span class="muted small">{fill(lang, 'neverHint')}</span>
      </div>
    );
  }
  const since = (
    <time dateTime={link.since} data-testid="link-since">
      {fill(lang, 'since', { time: formatDateTime(lang, link.since) })}
    </time>
  );
  if (link.connected) {
    return (
      <div class="link-state" data-state="connected">
        <span class="status status--on">{fill(lang, 'connected')}</span>
        <span class="small">{since}</span>
      </div>
    );
  }
  return (
    <div class="link-state" data-state="disconnected">
      <span class="status status--off">{fill(lang, 'disconnected')}</span>
      <span class="small">{since}</span>
      {link.outage && (
        <strong class="small link-state__down" data-testid="link-down-for">
          {fill(lang, 'forHowLong', { length: lengthText(lang, link.outage.durationMs) })}
        </strong>
      )}
    </div>
  );
}

/** The latest days the centre holds of a branch: how far (the seq of its last event) and whether closed. */
function DaysHeld(props: { lang: Lang; days: BranchLinkListItem['days'] }) {
  const { lang } = props;
  const days = Object.entries(props.days).sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
  if (days.length === 0) return <span class="muted small">{fill(lang, 'noDays')}</span>;
  const dayText = (day: string) => {
    const j = isoToJalali(day);
    return j ? jalaliText(lang, j) : day;
  };
  return (
    <ul class="link-days">
      {days.slice(0, DAYS_SHOWN).map(([day, held]) => (
        <li key={day} data-day={day}>
          {fill(lang, 'dayHeld', {
            day: dayText(day),
            seq: localDigits(lang, held.seq),
            closed: fill(lang, held.final ? 'dayClosed' : 'dayOpen'),
          })}
        </li>
      ))}
      {days.length > DAYS_SHOWN && (
        <li class="muted">{fill(lang, 'moreDays', { n: localDigits(lang, days.length - DAYS_SHOWN) })}</li>
      )}
    </ul>
  );
}
