// A strip under the kiosk's title when its printer cannot print (out of paper, cover open, offline):
// the visitor knows before tapping that the ticket will be shown on screen, with its QR code, not
// printed. The server tells the kiosk its printer's status (snapshot and `printer:status`).
import type { DeviceStatus, Lang } from '@nobat/protocol';

type PrinterStatus = DeviceStatus['status'];

const words = {
  'paper-out': {
    fa: 'کاغذ چاپگر تمام شده است؛ نوبت شما روی صفحه نشان داده می‌شود و می‌توانید کد آن را با تلفن همراه بخوانید.',
    en: 'The printer is out of paper: your ticket will be shown on screen, with a code to scan with your phone.',
  },
  other: {
    fa: 'چاپگر اکنون کار نمی‌کند؛ نوبت شما روی صفحه نشان داده می‌شود و می‌توانید کد آن را با تلفن همراه بخوانید.',
    en: 'The printer is not working now: your ticket will be shown on screen, with a code to scan with your phone.',
  },
} as const;

/** Statuses in which the kiosk's printer cannot print a ticket. */
export function printerDown(status: PrinterStatus | null | undefined): boolean {
  return status === 'paper-out' || status === 'cover-open' || status === 'offline' || status === 'error';
}

export function PrinterNotice(props: { lang: Lang; status: PrinterStatus | null | undefined }) {
  if (!printerDown(props.status)) return null;
  const w = props.status === 'paper-out' ? words['paper-out'] : words.other;
  return (
    <p class="printer-notice" role="status" data-testid="printer-notice">
      {w[props.lang]}
    </p>
  );
}
