// The clerk's day: their own tally for today and their daily log (جدول ۲ of guide no. 2), as a table
// they can print. Printing shows only the form, with the office, the clerk and the date at its head.
import {
  ClerkDay,
  type ClerkLogRow,
  jalaliDate,
  type Lang,
  type LocalizedText,
  localDigits,
  localized,
  type ServiceSummary,
  type SessionUser,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { minutesText, shortDateTime, t, type Word } from './i18n.ts';
import { MakeRequestFromRow } from './requests/day-row.tsx';
import { rest } from './rest.ts';

/** The files جدول ۲ downloads as, with their names on the links. */
const EXPORTS: readonly (readonly ['csv' | 'xlsx' | 'pdf', Word])[] = [
  ['csv', 'fileCsv'],
  ['xlsx', 'fileXlsx'],
  ['pdf', 'filePdf'],
];

export function Day(props: {
  user: SessionUser;
  lang: Lang;
  branchName: LocalizedText;
  services: Map<string, ServiceSummary>;
  onError: (err: unknown) => void;
  /** Opens the request dialog for a visit served today. */
  makeRequest: (row: ClerkLogRow) => void;
}) {
  const { lang, onError } = props;
  const [day, setDay] = useState<ClerkDay | null>(null);
  useEffect(() => {
    rest.get(ClerkDay, '/api/v1/clerks/me/day').then(setDay, onError);
  }, [onError]);
  if (!day) return <main class="day" />;
  const when = (at: string | null) => (at ? shortDateTime(lang, at) : '—');
  return (
    <main class="day" data-testid="day-view">
      <section class="tally">
        <div>
          <span>{t(lang, 'servedCount')}</span>
          <b data-testid="tally-served">{localDigits(lang, day.served)}</b>
        </div>
        <div>
          <span>{t(lang, 'noShowCount')}</span>
          <b data-testid="tally-no-shows">{localDigits(lang, day.noShows)}</b>
        </div>
        <div>
          <span>{t(lang, 'averageServe')}</span>
          <b data-testid="tally-average">
            {day.averageServeMinutes === null ? '—' : minutesText(lang, day.averageServeMinutes)}
          </b>
        </div>
        <button type="button" class="primary" data-testid="print" onClick={() => window.print()}>
          {t(lang, 'print')}
        </button>
        {/* جدول ۲ as a file, in the desk's language (server SPEC XP5); the session cookie goes with the link. */}
        <nav class="downloads" aria-label={t(lang, 'download')}>
          <span>{t(lang, 'download')}</span>
          {EXPORTS.map(([format, word]) => (
            <a
              key={format}
              data-testid={`download-${format}`}
              href={`/api/v1/clerks/me/day/export?format=${format}&lang=${lang}`}
              download
            >
              {t(lang, word)}
            </a>
          ))}
        </nav>
      </section>
      <section class="form-2">
        <header>
          <h2>{t(lang, 'dailyLog')}</h2>
          <p>
            {localized(lang, props.branchName)} — {t(lang, 'clerk')}: {props.user.name} — {t(lang, 'date')}:{' '}
            {jalaliDate(Date.parse(`${day.day}T12:00:00Z`), lang)}
          </p>
        </header>
        <table data-testid="daily-log">
          <thead>
            <tr>
              {(
                [
                  'row',
                  'receiptNumber',
                  'subService',
                  'receivedAt',
                  'promisedAt',
                  'handedAt',
                  'respondedAt',
                  'deliveredAt',
                  'outcome',
                  'serveTime',
                ] as Word[]
              ).map((w) => (
                <th key={w}>{t(lang, w)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {day.log.map((r, i) => (
              <tr key={r.ticketId}>
                <td>{localDigits(lang, i + 1)}</td>
                <td>{localDigits(lang, r.receiptNumber)}</td>
                <td>{localized(lang, props.services.get(r.serviceId)?.title ?? { fa: r.serviceId })}</td>
                <td>{when(r.receivedAt)}</td>
                <td>{when(r.promisedAt)}</td>
                <td>{when(r.handedAt)}</td>
                <td>{when(r.respondedAt)}</td>
                <td>{when(r.deliveredAt)}</td>
                <td>
                  {t(lang, `outcome_${r.outcome}` as Word)}
                  <MakeRequestFromRow
                    lang={lang}
                    row={r}
                    service={props.services.get(r.serviceId)}
                    open={props.makeRequest}
                  />
                </td>
                <td>{r.serveMinutes === null ? '—' : minutesText(lang, r.serveMinutes)}</td>
              </tr>
            ))}
            {day.log.length === 0 && (
              <tr>
                <td colSpan={10}>{t(lang, 'emptyLog')}</td>
              </tr>
            )}
          </tbody>
        </table>
        <footer class="signature">
          {t(lang, 'clerk')}: {props.user.name}
        </footer>
      </section>
    </main>
  );
}
