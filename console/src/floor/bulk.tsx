// Bulk work on a branch: export its saved configuration (JSON, XLSX), import a file in its place
// (applied only when every row is valid; otherwise every problem listed row by row), and copy it
// into a new branch (admins).
import { type ImportProblem, type Lang, localized, type ProvincialOfficeView } from '@nobat/protocol';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type CopyRequest, exportUrl, type FloorApi } from './api.ts';
import { useFloor } from './fields.tsx';
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
          <a class="fp-button" href={exportUrl(props.branchId, 'json')} download data-testid="export-json">
            {t(lang, 'exportJson')}
          </a>
          <a class="fp-button" href={exportUrl(props.branchId, 'xlsx')} download data-testid="export-xlsx">
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
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
          class="fp-button"
          disabled={props.dirty || props.busy}
          onClick={() => fileRef.current?.click()}
        >
          {t(lang, 'importFile')}
        </button>
        {problems.length > 0 && <ProblemTable lang={lang} problems={problems} />}
      </section>
      {props.role === 'admin' && <CopyForm {...props} />}
    </div>
  );
}

function ProblemTable(props: { lang: Lang; problems: ImportProblem[] }) {
  const { lang } = props;
  const dash = '—';
  return (
    <div class="fp-table-box fp-problems">
      <table class="fp-table" data-testid="import-problems">
        <caption>{t(lang, 'problems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'sheet')}</th>
            <th scope="col" class="fp-w-num">
              {t(lang, 'row')}
            </th>
            <th scope="col">{t(lang, 'field')}</th>
            <th scope="col">{t(lang, 'problem')}</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p, i) => (
            <tr key={i}>
              <td>{p.sheet ?? dash}</td>
              <td class="fp-num">{p.row === null ? dash : formatNumber(lang, p.row)}</td>
              <td>
                <bdi>{p.field ?? dash}</bdi>
              </td>
              <td>
                <bdi>{p.message}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CopyForm(props: { dirty: boolean; copy: (body: CopyRequest) => Promise<unknown>; api: FloorApi }) {
  const { lang, errorsAt } = useFloor();
  const [id, setId] = useState('');
  const [fa, setFa] = useState('');
  const [en, setEn] = useState('');
  const [office, setOffice] = useState('');
  const [offices, setOffices] = useState<ProvincialOfficeView[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = { id: useId(), fa: useId(), en: useId(), office: useId() };
  useEffect(() => {
    // Without the list (an older server) the copy stays in this branch's office.
    props.api.offices().then(setOffices, () => setOffices([]));
  }, [props.api]);
  const err = (path: string) => {
    const m = errorsAt(path, true);
    return m.length ? (
      <div class="fp-error" role="alert">
        {t(lang, 'fieldRefused')} <bdi>{m.join(' · ')}</bdi>
      </div>
    ) : null;
  };
  return (
    <section class="fp-card">
      <h4>{t(lang, 'copyTitle')}</h4>
      <p class="fp-hint">{t(lang, 'copyHint')}</p>
      {props.dirty && <p class="fp-warn">{t(lang, 'copyDirty')}</p>}
      <form
        class="fp-copy"
        data-testid="copy-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const body: CopyRequest = { id: id.trim(), name: en.trim() ? { fa, en } : { fa } };
          if (office) body.provincialOfficeId = office;
          const done = await props.copy(body);
          setBusy(false);
          if (done) {
            setId('');
            setFa('');
            setEn('');
          }
        }}
      >
        <div class="fp-field">
          <label for={ids.id}>{t(lang, 'newId')}</label>
          <input
            id={ids.id}
            dir="ltr"
            required
            pattern="[A-Za-z0-9_\-]+"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
          />
          <div class="fp-hint">{t(lang, 'newIdHint')}</div>
          {err('id')}
        </div>
        <div class="fp-field">
          <label for={ids.fa}>{t(lang, 'newNameFa')}</label>
          <input id={ids.fa} dir="rtl" required value={fa} onInput={(e) => setFa(e.currentTarget.value)} />
          {err('name')}
        </div>
        <div class="fp-field">
          <label for={ids.en}>{t(lang, 'newNameEn')}</label>
          <input id={ids.en} dir="ltr" value={en} onInput={(e) => setEn(e.currentTarget.value)} />
        </div>
        <div class="fp-field">
          <label for={ids.office}>{t(lang, 'office')}</label>
          <select id={ids.office} value={office} onChange={(e) => setOffice(e.currentTarget.value)}>
            <option value="">{t(lang, 'sameOffice')}</option>
            {offices.map((o) => (
              <option key={o.value.id} value={o.value.id}>
                {localized(lang, o.value.name)}
              </option>
            ))}
          </select>
          {err('provincialOfficeId')}
        </div>
        <button type="submit" class="fp-button fp-primary" disabled={busy}>
          {t(lang, 'copyButton')}
        </button>
      </form>
    </section>
  );
}
