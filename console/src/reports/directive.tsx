// «گزارش‌های بخشنامه‌ای» (issue 14 point 3; server/SPEC.md DR1–DR6): the reports the system made by
// itself — the monthly CRM report of every branch and province, the quarterly performance report —
// listed with their period and when they were made, each downloadable as CSV, Excel or PDF.
import { buttonClass, type Column, Field, Table } from '@nobat/client/preact';
import {
  clockTime,
  type DirectiveReportKind,
  type DirectiveReportMeta,
  type ExportFormat,
  jalaliPeriodLabel,
  jalaliShortDate,
  type Lang,
  localized,
} from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { directiveReportUrl, reportsApi } from './api.ts';
import { t } from './words.ts';
import './reports.css';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** A period key as written ("1405-08" → «آبان ۱۴۰۵»); the key itself if it is not one. */
function periodLabel(key: string, lang: Lang): string {
  try {
    return jalaliPeriodLabel(key, lang);
  } catch {
    return key;
  }
}

export function DirectiveReportsPage(props: { lang: Lang }) {
  const { lang } = props;
  const [kind, setKind] = useState<DirectiveReportKind | ''>('');
  const list = useLoad(() => reportsApi.directive(kind || undefined), [kind]);

  const columns: Column<DirectiveReportMeta>[] = [
    {
      key: 'kind',
      header: t(lang, 'kind'),
      cell: (r) => t(lang, `kind-${r.kind}`),
      sortBy: (r) => r.kind,
    },
    {
      key: 'scope',
      header: t(lang, 'scope'),
      cell: (r) => (
        <>
          <span class="muted">{t(lang, `scope-${r.scope.level}`)}</span> {localized(lang, r.scope.name)}
        </>
      ),
      sortBy: (r) => localized(lang, r.scope.name),
    },
    {
      key: 'period',
      header: t(lang, 'period'),
      cell: (r) => <span data-testid="directive-period">{periodLabel(r.period.jalali, lang)}</span>,
      sortBy: (r) => r.period.from,
    },
    {
      key: 'generated',
      header: t(lang, 'generatedAt'),
      cell: (r) => `${jalaliShortDate(r.generatedAt, lang)} ${clockTime(r.generatedAt, lang)}`,
      sortBy: (r) => r.generatedAt,
    },
    {
      key: 'files',
      header: t(lang, 'files'),
      cell: (r) => (
        <span class="reports-downloads">
          {FORMATS.map((format) => (
            <a
              key={format}
              class={buttonClass('secondary', true)}
              href={directiveReportUrl(r.id, format, lang)}
              download
              aria-label={`${t(lang, 'downloadAs', { format: t(lang, format) })}: ${t(lang, `kind-${r.kind}`)}, ${localized(lang, r.scope.name)}, ${periodLabel(r.period.jalali, lang)}`}
              data-testid={`directive-${format}`}
            >
              {t(lang, format)}
            </a>
          ))}
        </span>
      ),
    },
  ];

  return (
    <div class="reports" data-testid="directive-reports-page">
      <PageHead title={t(lang, 'directiveTitle')} intro={t(lang, 'directiveIntro')} />
      <div class="reports-toolbar">
        <Field label={t(lang, 'kind')}>
          {(f) => (
            <select
              {...f}
              value={kind}
              data-testid="directive-kind"
              onChange={(e) => setKind(e.currentTarget.value as DirectiveReportKind | '')}
            >
              <option value="">{t(lang, 'allKinds')}</option>
              <option value="crm-monthly">{t(lang, 'kind-crm-monthly')}</option>
              <option value="quarterly">{t(lang, 'kind-quarterly')}</option>
            </select>
          )}
        </Field>
      </div>
      {list.error ? <LoadFailed lang={lang} error={list.error} onReload={list.reload} /> : null}
      {!list.data && !list.error && <p class="muted">{t(lang, 'loading')}</p>}
      {list.data && (
        <Table
          caption={t(lang, 'directiveTitle')}
          columns={columns}
          rows={list.data.reports}
          rowKey={(r) => r.id}
          empty={t(lang, 'noDirective')}
          testId="directive-table"
        />
      )}
    </div>
  );
}
