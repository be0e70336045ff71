// Export documents for the exports' tests: every kind of column, text that needs quoting, a total
// row, charts, and a table long enough to run over pages. Persian and English, the same figures.
import { spawnSync } from 'node:child_process';
import type { Lang } from '@nobat/protocol';
import type { ExportDoc } from '../export-doc.ts';

/** 1405/09/10 (2026-12-01) 09:15 in Tehran (UTC+03:30). */
export const T0 = Date.UTC(2026, 11, 1, 5, 45);
const MIN = 60_000;

const W = {
  title: { fa: 'گزارش ماهانهٔ میز خدمت — شعبهٔ ۱۲ تهران', en: 'Monthly service-desk report — Tehran branch 12' },
  period: { fa: 'از ۱ تا ۳۰ آذر ۱۴۰۵', en: '1 to 30 Azar 1405' },
  made: { fa: 'ساخته‌شده در ۱ دی ۱۴۰۵', en: 'Made on 1 Dey 1405' },
  byService: { fa: 'به تفکیک زیرخدمت', en: 'By sub-service' },
  byDay: { fa: 'به تفکیک روز', en: 'By day' },
  service: { fa: 'زیرخدمت', en: 'Sub-service' },
  visits: { fa: 'مراجعه', en: 'Visits' },
  wait: { fa: 'میانگین انتظار (دقیقه)', en: 'Mean wait (min)' },
  within: { fa: 'سهم در حد هدف', en: 'Within target' },
  last: { fa: 'آخرین مراجعه', en: 'Last visit' },
  day: { fa: 'روز', en: 'Day' },
  total: { fa: 'جمع', en: 'Total' },
  waitChart: { fa: 'میانگین انتظار به تفکیک زیرخدمت', en: 'Mean wait by sub-service' },
  dayChart: { fa: 'مراجعه و خدمت در هر روز', en: 'Visits and served per day' },
  served: { fa: 'خدمت‌شده', en: 'Served' },
};

export const SERVICES = {
  fa: ['تمدید دفترچهٔ درمانی', 'مستمری، بازنشستگی', 'پرداخت حق بیمه "اختیاری"', 'ثبت‌نام\nبیمه‌شدهٔ جدید', 'CRM پیگیری'],
  en: [
    'Renewal of medical booklets',
    'Pensions, retirement',
    'Premium "voluntary"',
    'New\nregistration',
    'CRM follow-up',
  ],
};

export function sampleDoc(lang: Lang): ExportDoc {
  const w = (k: keyof typeof W) => W[k][lang];
  const visits = [120, 85, 64, 41, 7];
  const waits = [12.34, 8.06, 15.5, 4.25, null];
  const within = [0.8571, 0.95, 0.6, 1, null];
  const days = Array.from({ length: 30 }, (_, i) => i + 1);
  return {
    lang,
    fileName: `sample-${lang}`,
    title: w('title'),
    subtitle: [w('period'), w('made')],
    timeZone: 'Asia/Tehran',
    sections: [
      {
        title: w('byService'),
        columns: [
          { header: w('service'), kind: 'text' },
          { header: w('visits'), kind: 'int' },
          { header: w('wait'), kind: 'minutes' },
          { header: w('within'), kind: 'percent' },
          { header: w('last'), kind: 'datetime' },
        ],
        rows: SERVICES[lang].map((s, i) => [s, visits[i] ?? 0, waits[i] ?? null, within[i] ?? null, T0 + i * 37 * MIN]),
        total: [w('total'), 317, 10.9, 0.84, null],
        charts: [
          {
            kind: 'bar',
            title: w('waitChart'),
            labels: SERVICES[lang].map((s) => s.replace('\n', ' ')),
            series: [{ name: w('wait'), values: waits }],
          },
        ],
      },
      {
        title: w('byDay'),
        columns: [
          { header: w('day'), kind: 'text' },
          { header: w('visits'), kind: 'int' },
          { header: w('served'), kind: 'int' },
          { header: w('wait'), kind: 'minutes' },
        ],
        rows: days.map((d) => [
          `1405/09/${String(d).padStart(2, '0')}`,
          40 + 3 * ((d * 7) % 13),
          9 + ((d * 5) % 11),
          d / 3,
        ]),
        total: [w('total'), 1722, 428, 5.2],
        charts: [
          {
            kind: 'line',
            title: w('dayChart'),
            labels: days.map(String),
            series: [
              { name: w('visits'), values: days.map((d) => 40 + 3 * ((d * 7) % 13)) },
              { name: w('served'), values: days.map((d) => (d === 12 ? null : 9 + ((d * 5) % 11))) },
            ],
          },
        ],
      },
    ],
  };
}

/** Whether poppler's tools (pdftoppm, pdftotext, pdfinfo, pdffonts) are on the PATH. */
export function popplerAvailable(): boolean {
  return spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;
}
