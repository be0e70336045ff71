// [RD3] The response notice of a request (جدول ۴ of guide no. 2): every field of the directive's
// form — the date and number of the response, the national ID, the visitor's full name, the legal
// basis and reasoning, the main content of the answer, where and until when to appeal, remarks, the
// issuer's name and post — with the request it answers (tracking code, service, dates). A4.
import type { BranchConfig, Lang, RequestView, ResponseNotice } from '@nobat/protocol';
import { type FormBlock, renderForm } from './form.ts';
import { branchText, codeText, dateTime, dayText, pageLabel, text, typed } from './words.ts';

const W = {
  title: { fa: 'ابلاغ پاسخ خدمت', en: 'Notice of the response' },
  number: { fa: 'تاریخ و شمارهٔ پاسخ', en: 'Date and number' },
  nationalId: { fa: 'کد ملی', en: 'National ID' },
  name: { fa: 'نام و نام خانوادگی ارباب رجوع', en: 'Full name' },
  code: { fa: 'شمارهٔ پی‌گیری درخواست', en: 'Request tracking number' },
  service: { fa: 'عنوان خدمت', en: 'Service' },
  received: { fa: 'تاریخ دریافت درخواست', en: 'Request received' },
  promised: { fa: 'تاریخ اعلام‌شده برای پاسخ', en: 'Response promised by' },
  legalBasis: {
    fa: 'مستندات قانونی و استدلال‌های منجر به پاسخ ارائه‌شده',
    en: 'Legal basis and reasoning',
  },
  answer: { fa: 'مفاد اصلی پاسخ', en: 'The response' },
  appeal: { fa: 'مرجع و مهلت اعتراض به پاسخ (تصمیم)', en: 'Appeal: where, and until when' },
  remarks: { fa: 'توضیحات', en: 'Remarks' },
  issuer: { fa: 'نام و سمت صادرکنندهٔ ابلاغیه', en: 'Issued by (name and post)' },
  signature: { fa: 'امضای صادرکننده', en: 'Issuer’s signature' },
  delivered: { fa: 'تحویل به ارباب رجوع', en: 'Delivered to the visitor' },
  channel: {
    fa: { desk: 'در میز خدمت', electronic: 'الکترونیکی' },
    en: { desk: 'at the desk', electronic: 'electronically' },
  },
  none: { fa: '—', en: '—' },
} as const;

/** [RD3] The notice's form, in the reader's language; the notice is the request's (last) response. */
export function responseForm(view: RequestView, config: BranchConfig, lang: Lang, notice: ResponseNotice): FormBlock[] {
  const tz = config.branch.timeZone;
  const w = (k: Exclude<keyof typeof W, 'channel'>) => W[k][lang];
  const sep = ' — ';
  // Where (as the officer typed it) and until when, each on its line.
  const appeal =
    lang === 'fa'
      ? `${typed('fa', notice.appealTo)}\nتا پایان ${dayText('fa', notice.appealUntil)}`
      : `${notice.appealTo}\nuntil the end of ${dayText('en', notice.appealUntil)}`;
  const delivered =
    view.deliveredAt && view.deliveryChannel
      ? [
          {
            label: w('delivered'),
            value: `${dateTime(lang, view.deliveredAt, tz)} (${W.channel[lang][view.deliveryChannel]})`,
          },
        ]
      : [];
  return [
    { kind: 'heading', over: [branchText(lang, config)], title: w('title') },
    {
      kind: 'fields',
      rows: [
        {
          label: w('number'),
          value: `${dateTime(lang, notice.issuedAt, tz)}${sep}${codeText(lang, notice.number)}`,
        },
        { label: w('nationalId'), value: typed(lang, notice.nationalId) },
        { label: w('name'), value: typed(lang, notice.fullName) },
        { label: w('code'), value: codeText(lang, view.code), ltr: true },
        { label: w('service'), value: text(lang, view.serviceTitle) },
        { label: w('received'), value: dateTime(lang, view.createdAt, tz) },
        { label: w('promised'), value: dayText(lang, view.promisedDate) },
        { label: w('legalBasis'), value: typed(lang, notice.legalBasis) },
        { label: w('answer'), value: typed(lang, notice.answer) },
        { label: w('appeal'), value: appeal },
        { label: w('remarks'), value: notice.remarks ? typed(lang, notice.remarks) : w('none') },
        { label: w('issuer'), value: typed(lang, `${notice.issuer.name}${sep}${notice.issuer.post}`) },
        ...delivered,
      ],
    },
    { kind: 'signatures', boxes: [{ label: w('signature'), name: typed(lang, notice.issuer.name) }] },
  ];
}

/** [RD3] The response notice as an A4 PDF. Error when no response is issued yet (the routes check first). */
export async function renderResponse(view: RequestView, config: BranchConfig, opts: { lang: Lang }): Promise<Buffer> {
  const notice = view.response;
  if (!notice) throw new Error(`request ${view.id} has no response yet`);
  return renderForm({
    lang: opts.lang,
    title: `${W.title[opts.lang]} ${notice.number}`,
    paper: 'a4',
    blocks: responseForm(view, config, opts.lang, notice),
    pageLabel: pageLabel(opts.lang),
  });
}
