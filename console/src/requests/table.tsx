// A list of requests (the unit's inbox, the branch's requests): the code as a link to the request,
// the applicant, the sub-service, the step and its status, since when and until when; a row past
// its due time is marked (a colour, and the word for those who do not see it).
import { formatDateTime } from '@nobat/client';
import { type Lang, localized, type RequestSummary } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../router.tsx';
import { codeText, isOverdue, statusText } from './model.ts';
import { STATE_TEXT, t } from './words.ts';

/** The time now, again every `everyMs` (an overdue mark appears without a reload). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A tracking code as read: 3-3-4, left to right even inside Persian text. */
export function Code(props: { lang: Lang; code: string }) {
  return (
    <bdi dir="ltr" class="rq-code">
      {codeText(props.lang, props.code)}
    </bdi>
  );
}

export function Overdue(props: { lang: Lang }) {
  return (
    <span class="rq-badge rq-badge--overdue" data-testid="overdue">
      {t(props.lang, 'overdue')}
    </span>
  );
}

type Col = { key: string; header: string; cell: (s: RequestSummary) => ComponentChildren };

export function RequestTable(props: {
  lang: Lang;
  rows: readonly RequestSummary[];
  empty: string;
  caption: string;
  /** The branch's list shows each request's unit and state too. */
  wide?: boolean;
  testId: string;
}) {
  const { lang } = props;
  const now = useNow();
  const when = (at: string) => <time dateTime={at}>{formatDateTime(lang, at)}</time>;
  const cols: Col[] = [
    {
      key: 'code',
      header: t(lang, 'code'),
      cell: (s) => (
        <Link to={`/requests/${encodeURIComponent(s.id)}`} class="strong-link" data-testid={`open-${s.code}`}>
          <Code lang={lang} code={s.code} />
        </Link>
      ),
    },
    { key: 'applicant', header: t(lang, 'applicant'), cell: (s) => <bdi data-user-text>{s.applicantName}</bdi> },
    { key: 'service', header: t(lang, 'service'), cell: (s) => localized(lang, s.serviceTitle) },
    ...(props.wide
      ? [{ key: 'state', header: t(lang, 'state'), cell: (s: RequestSummary) => STATE_TEXT[s.state][lang] }]
      : []),
    {
      key: 'step',
      // The branch's list names the unit holding each request under its step.
      header: props.wide ? `${t(lang, 'step')} / ${t(lang, 'unit')}` : t(lang, 'step'),
      cell: (s) =>
        !s.current ? (
          '—'
        ) : props.wide ? (
          <>
            {s.current.title}
            <span class="rq-sub" data-testid="row-unit">
              {s.current.unit}
            </span>
          </>
        ) : (
          s.current.title
        ),
    },
    {
      key: 'status',
      header: t(lang, 'status'),
      cell: (s) =>
        s.current ? <span class={`rq-status rq-status--${s.current.status}`}>{statusText(lang, s.current)}</span> : '—',
    },
    { key: 'since', header: t(lang, 'since'), cell: (s) => (s.current ? when(s.current.since) : '—') },
    {
      key: 'due',
      header: t(lang, 'due'),
      cell: (s) =>
        s.current ? (
          <span class="rq-due">
            {when(s.current.dueAt)}
            {isOverdue(s, now) && <Overdue lang={lang} />}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div class="ui-table-wrap">
      <table class="ui-table rq-table" data-testid={props.testId}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td class="ui-table__empty" colSpan={cols.length}>
                {props.empty}
              </td>
            </tr>
          ) : (
            props.rows.map((s) => {
              const late = isOverdue(s, now);
              return (
                <tr
                  key={s.id}
                  data-row={s.code}
                  data-overdue={late ? 'true' : undefined}
                  class={late ? 'rq-row--overdue' : undefined}
                >
                  {cols.map((c) => (
                    <td key={c.key} data-col={c.key}>
                      {c.cell(s)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
