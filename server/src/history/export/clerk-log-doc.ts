// [XP5][H2] A clerk's daily log (جدول ۲ of guide no. 2) as an export document: the directive's seven
// columns under the directive's own headings, then the outcome and the serving time; a total row with
// the number of requests and the time served; the office, the clerk, the day and the tally above.
import { type BranchConfig, clockTime, jalaliDate, type Lang, localDigits, localized } from '@nobat/protocol';
import type { ClerkLogRow, Outcome } from '../../domain/history.ts';
import type { DocCell, DocColumn, ExportDoc } from '../export-doc.ts';

/** The headings of جدول ۲, word for word as the directive prints them (seed 001), and in English. */
export const TABLE_2_HEADINGS = {
  fa: [
    'شماره رسید',
    'عنوان زیرخدمت مورد تقاضا',
    'تاریخ دریافت درخواست از ارباب رجوع',
    'تاریخ درج شده در سر رسید برای ارائه پاسخ زیرخدمت به ارباب رجوع',
    'تاریخ ارائه درخواست به اولین مرحله کاری',
    'تاریخ دریافت پاسخ زیرخدمت از آخرین مرحله کاری',
    'تاریخ ارائه',
  ],
  en: [
    'Receipt no.',
    'Sub-service requested',
    'Request received from the visitor',
    'Response date in the register',
    'Request handed to the first stage',
    'Response from the last stage',
    'Delivered to the visitor',
  ],
} as const;

const WORDS = {
  title: { fa: 'جدول ۲- جدول گزارش کارکنان میز خدمت', en: 'Table 2 — service-desk staff report' },
  clerk: { fa: 'کارمند', en: 'Clerk' },
  date: { fa: 'تاریخ', en: 'Date' },
  outcome: { fa: 'نتیجه', en: 'Outcome' },
  serve: { fa: 'مدت خدمت (دقیقه)', en: 'Serving time (min)' },
  served: { fa: 'خدمت‌شده', en: 'Served' },
  noShows: { fa: 'غایب', en: 'No-shows' },
  average: { fa: 'میانگین زمان خدمت (دقیقه)', en: 'Average serving time (min)' },
  made: { fa: 'ساخته‌شده در', en: 'Made on' },
} as const;

const OUTCOME: Record<Outcome, { fa: string; en: string }> = {
  finished: { fa: 'انجام شد', en: 'done' },
  'no-show': { fa: 'غایب', en: 'no-show' },
  cancelled: { fa: 'لغو', en: 'cancelled' },
  transferred: { fa: 'ارجاع', en: 'transferred' },
  open: { fa: 'در جریان', en: 'open' },
};

export interface ClerkLogInput {
  lang: Lang;
  config: BranchConfig;
  clerk: { id: string; name: string };
  /** The local day, YYYY-MM-DD. */
  day: string;
  log: readonly ClerkLogRow[];
  tally: { served: number; noShows: number; averageServeMs: number | null };
  /** When the export is made (epoch ms). */
  now: number;
}

const MINUTE = 60_000;

export function clerkLogDoc(input: ClerkLogInput): ExportDoc {
  const { lang, config, clerk, day, log, tally, now } = input;
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const timeZone = config.branch.timeZone;
  const services = new Map(config.services.map((s) => [s.id, s]));
  const title = (id: string) => {
    const s = services.get(id);
    return s ? localized(lang, s.title) : id;
  };
  const columns: DocColumn[] = [
    ...TABLE_2_HEADINGS[lang].map((header, i): DocColumn => ({ header, kind: i < 2 ? 'text' : 'datetime' })),
    { header: w('outcome'), kind: 'text' },
    { header: w('serve'), kind: 'minutes' },
  ];
  const rows: DocCell[][] = log.map((r) => [
    r.receiptNumber,
    title(r.serviceId),
    r.receivedAt,
    r.promisedAt,
    r.handedAt,
    r.respondedAt,
    r.deliveredAt,
    OUTCOME[r.outcome][lang],
    r.serveMs === null ? null : r.serveMs / MINUTE,
  ]);
  const servedMs = log.reduce((sum, r) => sum + (r.serveMs ?? 0), 0);
  const total: DocCell[] = [
    lang === 'fa' ? `جمع: ${localDigits('fa', log.length)} درخواست` : `Total: ${log.length} requests`,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    servedMs / MINUTE,
  ];
  // The day's noon in the branch, for its Jalali date.
  const dayDate = jalaliDate(Date.parse(`${day}T12:00:00Z`), lang, timeZone);
  const n = (v: number) => localDigits(lang, v);
  const average =
    tally.averageServeMs === null
      ? '—'
      : localDigits(lang, (tally.averageServeMs / MINUTE).toFixed(1)).replace('.', lang === 'fa' ? '٫' : '.');
  const branch = localized(lang, config.branch.name);
  return {
    lang,
    fileName: `table-2-${clerk.id.replace(/[^A-Za-z0-9-]+/g, '-')}-${day}`,
    title: w('title'),
    subtitle: [
      `${branch} — ${w('clerk')}: ${clerk.name} — ${w('date')}: ${dayDate}`,
      `${w('served')}: ${n(tally.served)} — ${w('noShows')}: ${n(tally.noShows)} — ${w('average')}: ${average}`,
      `${w('made')} ${jalaliDate(now, lang, timeZone)} ${clockTime(now, lang, timeZone)}`,
    ],
    timeZone,
    sections: [{ title: `${clerk.name} — ${dayDate}`, columns, rows, total }],
  };
}
