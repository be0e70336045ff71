// [RD1][RD2] The receipt of a request (جدول ۳ of guide no. 2): every field of the directive's form —
// the tracking code, the date received, the service, the promised response date, the date the
// response is delivered, the applicant's name and national ID, the clerk's name and signature, the
// applicant's signature — with what the visitor needs to come back: the ticket number, the branch,
// the documents received and those still missing, and how to follow the request (its status page's
// address and QR code). On A4 or A5, or on the desk's 80 / 58 mm receipt roll.
import type { BranchConfig, Lang, ReceiptSize, RequestView } from '@nobat/protocol';
import { type FormBlock, renderForm } from './form.ts';
import {
  branchText,
  codeText,
  dateTime,
  dayText,
  digits,
  documentTitles,
  list,
  pageLabel,
  text,
  typed,
} from './words.ts';

const W = {
  title: { fa: 'رسید خدمت', en: 'Service receipt' },
  keep: {
    fa: 'این رسید را تا دریافت پاسخ نگه دارید.',
    en: 'Keep this receipt until you receive the response.',
  },
  code: { fa: 'شماره پی‌گیری', en: 'Tracking number' },
  service: { fa: 'عنوان خدمت', en: 'Service' },
  received: { fa: 'تاریخ دریافت درخواست خدمت', en: 'Request received' },
  promised: { fa: 'تاریخ اعلام‌شده برای آماده شدن پاسخ', en: 'Response promised by' },
  delivered: { fa: 'تاریخ دریافت پاسخ خدمت', en: 'Response delivered' },
  name: { fa: 'نام و نام خانوادگی متقاضی', en: 'Applicant' },
  nationalId: { fa: 'کد ملی متقاضی', en: 'National ID' },
  ticket: { fa: 'شمارهٔ نوبت', en: 'Ticket' },
  branch: { fa: 'شعبه', en: 'Branch' },
  brought: { fa: 'مدارک دریافت‌شده', en: 'Documents received' },
  missing: { fa: 'مدارک ناقص (باید ارائه شود)', en: 'Documents missing (still to bring)' },
  none: { fa: 'ندارد', en: 'none' },
  clerk: { fa: 'نام و امضای کارمند میز خدمت', en: 'Desk clerk’s name and signature' },
  applicant: { fa: 'امضای متقاضی', en: 'Applicant’s signature' },
  follow: {
    fa: 'پی‌گیری درخواست: این کد را با گوشی بخوانید، یا نشانی زیر را باز کنید و شمارهٔ پی‌گیری و کد ملی خود را وارد کنید.',
    en: 'To follow your request, scan this code with your phone, or open the address below and enter the tracking number and your national ID.',
  },
} as const;

/** [RD1] The request's public status page, which the receipt's QR code opens: `<publicUrl>/r/<code>`. */
export function requestStatusUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/r/${code}`;
}

export interface ReceiptOptions {
  lang: Lang;
  size: ReceiptSize;
  /** The request's public status page: `${publicUrl}/r/<code>`. */
  statusUrl: string;
}

/** [RD1] The receipt's form, in the reader's language. */
export function receiptForm(view: RequestView, config: BranchConfig, opts: ReceiptOptions): FormBlock[] {
  const { lang } = opts;
  const w = (k: keyof typeof W) => W[k][lang];
  const tz = config.branch.timeZone;
  const clerk = view.events[0]?.by.name ?? '';
  return [
    { kind: 'heading', over: [text(lang, config.branch.name)], title: w('title'), under: [w('keep')] },
    {
      kind: 'fields',
      rows: [
        { label: w('code'), value: codeText(lang, view.code), strong: true, ltr: true },
        { label: w('service'), value: text(lang, view.serviceTitle) },
        { label: w('received'), value: dateTime(lang, view.createdAt, tz) },
        { label: w('promised'), value: dayText(lang, view.promisedDate) },
        // Filled by hand when the visitor collects the response, unless it is already delivered.
        view.deliveredAt
          ? { label: w('delivered'), value: dateTime(lang, view.deliveredAt, tz) }
          : { label: w('delivered'), value: '', blank: true },
        { label: w('name'), value: typed(lang, view.applicant.fullName) },
        { label: w('nationalId'), value: digits(lang, view.applicant.nationalId) },
        { label: w('ticket'), value: digits(lang, view.ticketNumber), ltr: true },
        { label: w('branch'), value: branchText(lang, config) },
        { label: w('brought'), value: list(lang, documentTitles(lang, config, view, view.brought), w('none')) },
        { label: w('missing'), value: list(lang, documentTitles(lang, config, view, view.missing), w('none')) },
      ],
    },
    { kind: 'follow', url: opts.statusUrl, caption: [w('follow')] },
    {
      kind: 'signatures',
      boxes: [
        { label: w('clerk'), name: typed(lang, clerk) },
        { label: w('applicant'), name: typed(lang, view.applicant.fullName) },
      ],
    },
  ];
}

/** [RD1][RD2] The receipt as a PDF at the given size. */
export async function renderReceipt(view: RequestView, config: BranchConfig, opts: ReceiptOptions): Promise<Buffer> {
  return renderForm({
    lang: opts.lang,
    title: `${W.title[opts.lang]} ${view.code}`,
    paper: opts.size,
    blocks: receiptForm(view, config, opts),
    pageLabel: pageLabel(opts.lang),
  });
}
