// Bulk work on a branch: export its saved configuration (JSON, XLSX), import a file in its place

// (applied only when every row is valid; otherwise every problem listed row by row), and copy it
// into a new branch (admins).
import { buttonClass, Table } from '@nobat/client/preact';
import {
  type ImportProblem,
  type Lang,
  type LocalizedText,
  localized,
  type ProvincialOfficeView,
  XLSX_CONTENT_TYPE,
} from '@nobat/protocol';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type CopyRequest, exportUrl, type FloorApi } from './api.ts';
import { SelectField, TextField, TitleFields, useFloor } from './fields.tsx';
import { formatNumber } from './numbers.ts';
import { t } from './words.ts';

export function BulkTab(props: {
  branchId: string;
  role: 'admin' | 'supervisor';
  dirty: boolean;
  busy: boolean;
  importFile: (f: File) => Promise<{ applied: boolean; problems: ImportProblem[] } | null>;
  copy: (body: CopyRequest) => Promise<unknown>;
  api: FloorApi;
}) {
  const { lang } = useFloor();
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileId = useId();
  return (
    <div class="fp-bulk">
      <section class="fp-card">
        <h4>{t(lang, 'exportTitle')}</h4>
        <p class="fp-hint">{t(lang, 'exportHint')}</p>
        <div class="fp-actions">
          <a class={buttonClass()} href={exportUrl(props.branchId, 'json')} download data-testid="export-json">
            {t(lang, 'exportJson')}
          </a>
          <a class={buttonClass()} href={exportUrl(props.branchId, 'xlsx')} download data-testid="export-xlsx">
            {t(lang, 'exportXlsx')}
          </a>
        </div>
      </section>
      <section class="fp-card">
        <h4>{t(lang, 'importTitle')}</h4>
        <p class="fp-hint">{t(lang, 'importHint')}</p>
        {props.dirty && <p class="fp-warn">{t(lang, 'importDirty')}</p>}
        <input
          ref={fileRef}
          id={fileId}
          class="fp-sr"
          type="file"
          tabIndex={-1}
          aria-label={t(lang, 'importFile')}
          accept={`.json,.xlsx,application/json,${XLSX_CONTENT_TYPE}`}
          data-testid="import-file"
          disabled={props.dirty || props.busy}
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            input.value = '';
            if (!file) return;
            setProblems([]);
            const result = await props.importFile(file);
            setProblems(result && !result.applied ? result.problems : []);
          }}
        />
        <button
          type="button"
          class={buttonClass()}
          disabled={props.dirty || props.busy}
          onClick={() => fileRef.current?.click()}
        >
          {t(lang, 'importFile')}
        </button>
      </section>
      {problems.length > 0 && <ProblemTable lang={lang} problems={problems} />}
      {props.role === 'admin' && <CopyForm {...props} />}
    </div>
  );
}

function ProblemTable(props: { lang: Lang; problems: ImportProblem[] }) {
  const { lang } = props;
  const dash = '—';
  const rows = props.problems.map((p, i) => ({ ...p, key: String(i) }));
  return (
    <div class="fp-problems fp-card-wide">
      <Table
        caption={t(lang, 'problems')}
        showCaption
        testId="import-problems"
        rows={rows}
        rowKey={(r) => r.key}
        empty={t(lang, 'none')}
        sortLabel={t(lang, 'sortBy')}
        columns={[
          { key: 'sheet', header: t(lang, 'sheet'), cell: (r) => r.sheet ?? dash, sortBy: (r) => r.sheet ?? '' },
          {
            key: 'row',
            header: t(lang, 'row'),
            numeric: true,
            cell: (r) => (r.row === null ? dash : formatNumber(lang, r.row)),
            sortBy: (r) => r.row ?? 0,
          },
          { key: 'field', header: t(lang, 'field'), cell: (r) => <bdi>{r.field ?? dash}</bdi> },
          { key: 'message', header: t(lang, 'problem'), cell: (r) => <bdi>{r.message}</bdi> },
        ]}
      />
    </div>
  );
}

function CopyForm(props: { dirty: boolean; copy: (body: CopyRequest) => Promise<unknown>; api: FloorApi }) {
  const { lang } = useFloor();
  const [id, setId] = useState('');
  const [name, setName] = useState<LocalizedText>({ fa: '' });
  const [office, setOffice] = useState('');
  const [offices, setOffices] = useState<ProvincialOfficeView[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // Without the list (an older server) the copy stays in this branch's office.
    props.api.offices().then(setOffices, () => setOffices([]));
  }, [props.api]);
  return (
    <section class="fp-card fp-card-wide">
      <h4>{t(lang, 'copyTitle')}</h4>
      <p class="fp-hint">{t(lang, 'copyHint')}</p>
      {props.dirty && <p class="fp-warn">{t(lang, 'copyDirty')}</p>}
      <form
        class="fp-copy"
        data-testid="copy-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const body: CopyRequest = { id: id.trim(), name };
          if (office) body.provincialOfficeId = office;
          const done = await props.copy(body);
          setBusy(false);
          if (done) {
            setId('');
            setName({ fa: '' });
          }
        }}
      >
        <TextField
          label={t(lang, 'newId')}
          hint={t(lang, 'newIdHint')}
          path="id"
          dir="ltr"
          value={id}
          testId="copy-id"
          onInput={setId}
        />
        <SelectField
          label={t(lang, 'office')}
          path="provincialOfficeId"
          value={office}
          options={[
            { value: '', label: t(lang, 'sameOffice') },
            ...offices.map((o) => ({ value: o.value.id, label: localized(lang, o.value.name) })),
          ]}
          onChange={setOffice}
        />
        <TitleFields
          path="name"
          value={name}
          onChange={setName}
          labels={[t(lang, 'newNameFa'), t(lang, 'newNameEn')]}
          testId="copy-name"
        />
        <div>
          <button
            type="submit"
            class={buttonClass('primary')}
            disabled={busy || !id.trim() || !name.fa.trim()}
            data-testid="copy-submit"
          >
            {t(lang, 'copyButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
