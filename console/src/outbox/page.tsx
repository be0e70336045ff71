// [NT9] The branch's SMS outbox for its supervisor: every message to a visitor (numbers masked), its
// state, attempts, when it was queued and sent, and why it failed; filtered by state.
import { formatDateTime } from '@nobat/client';
import { type Column, Table } from '@nobat/client/preact';
import {
  type Lang,
  localDigits,
  type Message,
  OutboxList,
  type OutboxMessage,
  type OutboxMessageState,
} from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { FAILURE_TEXT, OUTBOX_WORDS } from './words.ts';

const STATE_TEXT: Record<OutboxMessageState, Message> = {
  queued: { fa: 'در صف', en: 'Queued' },
  sending: { fa: 'در حال ارسال', en: 'Sending' },
  sent: { fa: 'فرستاده شد', en: 'Sent' },
  failed: { fa: 'ناموفق', en: 'Failed' },
  dropped: { fa: 'کنار گذاشته', en: 'Dropped' },
};

const KIND_TEXT: Record<string, Message> = {
  'ticket-taken': { fa: 'دریافت نوبت', en: 'Ticket taken' },
  ahead: { fa: 'نزدیک شدن نوبت', en: 'N ahead' },
  called: { fa: 'فراخوان', en: 'Called' },
  survey: { fa: 'نظرسنجی', en: 'Survey' },
  otp: { fa: 'کد یک‌بارمصرف', en: 'One-time code' },
  'appointment-booked': { fa: 'رزرو نوبت', en: 'Appointment booked' },
  'appointment-changed': { fa: 'تغییر نوبت', en: 'Appointment changed' },
  'appointment-cancelled': { fa: 'لغو نوبت', en: 'Appointment cancelled' },
  'request-created': { fa: 'ثبت درخواست', en: 'Request made' },
  'request-stage': { fa: 'مرحلهٔ درخواست', en: 'Request stage' },
  'request-returned': { fa: 'بازگشت درخواست به پیشخوان', en: 'Request returned to the desk' },
  'request-inquiry': { fa: 'استعلام درخواست', en: 'Request inquiry' },
  'request-responded': { fa: 'پاسخ درخواست', en: 'Request answered' },
  'request-delivered': { fa: 'تحویل پاسخ', en: 'Response delivered' },
  'request-withdrawn': { fa: 'توقف درخواست', en: 'Request withdrawn' },
  'branch-offline': { fa: 'قطع ارتباط شعبه (به اداره کل)', en: 'Branch link down (to the provincial office)' },
  'branch-online': { fa: 'وصل شدن شعبه (به اداره کل)', en: 'Branch link back (to the provincial office)' },
};

const STATES: OutboxMessageState[] = ['queued', 'sending', 'sent', 'failed', 'dropped'];

export function OutboxPage(props: { lang: Lang; branchId: string }) {
  const { lang, branchId } = props;
  const [state, setState] = useState<OutboxMessageState | ''>('');
  const list = useLoad(
    () =>
      api.get(
        OutboxList,
        `/api/v1/branches/${encodeURIComponent(branchId)}/outbox?limit=200${state ? `&state=${state}` : ''}`,
      ),
    [branchId, state],
  );
  const columns: Column<OutboxMessage>[] = [
    {
      key: 'created',
      header: OUTBOX_WORDS.created[lang],
      cell: (m) => <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(lang, m.createdAt)}</time>,
    },
    { key: 'kind', header: OUTBOX_WORDS.kind[lang], cell: (m) => KIND_TEXT[m.kind]?.[lang] ?? m.kind },
    { key: 'to', header: OUTBOX_WORDS.to[lang], cell: (m) => <bdi dir="ltr">{localDigits(lang, m.to)}</bdi> },
    {
      key: 'state',
      header: OUTBOX_WORDS.state[lang],
      cell: (m) => <span class={`outbox-state outbox-state--${m.state}`}>{STATE_TEXT[m.state][lang]}</span>,
    },
    { key: 'attempts', header: OUTBOX_WORDS.attempts[lang], numeric: true, cell: (m) => localDigits(lang, m.attempts) },
    {
      key: 'sent',
      header: OUTBOX_WORDS.sent[lang],
      cell: (m) => (m.sentAt ? formatDateTime(lang, m.sentAt) : '—'),
    },
    {
      key: 'why',
      header: OUTBOX_WORDS.why[lang],
      // The reason in the reader's language; the gateway's own words (often Persian) only as a tooltip.
      cell: (m) =>
        m.lastReason ? (
          <span title={m.lastError} data-testid="outbox-why">
            {FAILURE_TEXT[m.lastReason][lang]}
          </span>
        ) : m.lastError ? (
          <bdi data-user-text>{m.lastError}</bdi>
        ) : (
          ''
        ),
    },
  ];
  return (
    <>
      <PageHead title={OUTBOX_WORDS.title[lang]} intro={OUTBOX_WORDS.intro[lang]} testId="page-title" />
      <label class="outbox-filter">
        {OUTBOX_WORDS.state[lang]}{' '}
        <select
          value={state}
          onChange={(e) => setState(e.currentTarget.value as OutboxMessageState | '')}
          data-testid="outbox-state"
        >
          <option value="">{OUTBOX_WORDS.all[lang]}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_TEXT[s][lang]}
            </option>
          ))}
        </select>
      </label>
      {list.error !== null ? (
        <LoadFailed lang={lang} error={list.error} onReload={list.reload} />
      ) : (
        <Table
          caption={OUTBOX_WORDS.title[lang]}
          columns={columns}
          rows={list.data?.messages ?? []}
          rowKey={(m) => m.key}
          empty={OUTBOX_WORDS.empty[lang]}
          testId="outbox-table"
        />
      )}
    </>
  );
}
