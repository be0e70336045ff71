// In the day's log (جدول ۲): a visit served today without a request yet can still be made one; one
// with a request shows its tracking code.
import type { ClerkLogRow, Lang, ServiceSummary } from '@nobat/protocol';
import { localDigits } from '@nobat/protocol';
import { codeText, mayMakeRequest } from './format.ts';
import { rt } from './words.ts';

export function MakeRequestFromRow(props: {
  lang: Lang;
  row: ClerkLogRow;
  service: ServiceSummary | undefined;
  open: (row: ClerkLogRow) => void;
}) {
  const { lang, row } = props;
  if (row.requestCode) {
    return (
      <>
        {' '}
        <bdi class="request-code-row" dir="ltr" data-testid={`request-of-${row.ticketId}`}>
          {codeText(lang, row.requestCode)}
        </bdi>
      </>
    );
  }
  if (!mayMakeRequest(row, props.service)) return null;
  return (
    <>
      {' '}
      <button
        type="button"
        class="make-request-row"
        data-testid={`make-request-${row.ticketId}`}
        aria-label={`${rt(lang, 'makeRequest')} — ${rt(lang, 'forTicket')} ${localDigits(lang, row.receiptNumber)}`}
        onClick={() => props.open(row)}
      >
        {rt(lang, 'requestFromTicket')}
      </button>
    </>
  );
}
