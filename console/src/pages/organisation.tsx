// The organisation tree: organisations → provincial offices → branches. Organisations and offices
// are edited in a dialog here; a branch opens its own pages (details; services and counters).
import { path } from '@nobat/client';
import { Banner, Button, Field, Modal } from '@nobat/client/preact';
import { type Lang, localDigits, localized } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { z } from 'zod';
import {
  api,
  type BranchListItem,
  BranchListItem as BranchSchema,
  ProvincialOfficeView as OfficeSchema,
  Ok,
  type OrganisationView,
  OrganisationView as OrgSchema,
  type ProvincialOfficeView,
} from '../api.ts';
import { t } from '../i18n.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { Link, navigate } from '../router.tsx';
import { ChangedLine, SaveBanner, useSave } from '../save.tsx';
import { PageHead } from '../shell.tsx';

/** [SY13] The office's numbers texted when a branch's link to the centre goes down and comes back. */
const ALERT_MOBILES = {
  label: { fa: 'همراه‌های اطلاع قطع ارتباط شعبه‌ها', en: "Mobiles told of branches' link outages" },
  hint: {
    fa: 'تا ۵ شماره، با ویرگول جدا؛ وقتی ارتباط شعبه‌ای از این اداره کل با مرکز قطع و وصل شود پیامک می‌گیرند.',
    en: 'Up to 5 numbers, comma-separated; texted when a branch of this office loses its link to the centre and when it is back.',
  },
};

type Tree = { organisations: OrganisationView[]; offices: ProvincialOfficeView[]; branches: BranchListItem[] };

type Editing =
  | { kind: 'organisation'; record: OrganisationView | null }
  | { kind: 'office'; record: ProvincialOfficeView | null; organisationId: string };

export function OrganisationPage(props: { lang: Lang }) {
  const { lang } = props;
  const tree = useLoad<Tree>(async () => {
    const [organisations, offices, branches] = await Promise.all([
      api.get(z.array(OrgSchema), '/api/v1/admin/organisations'),
      api.get(z.array(OfficeSchema), '/api/v1/admin/provincial-offices'),
      api.get(z.array(BranchSchema), '/api/v1/admin/branches'),
    ]);
    return { organisations, offices, branches };
  }, []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const data = tree.data;
  return (
    <>
      <PageHead
        title={t(lang, 'navOrganisation')}
        actions={
          <Button
            variant="primary"
            onClick={() => setEditing({ kind: 'organisation', record: null })}
            data-testid="new-organisation"
          >
            {t(lang, 'newOrganisation')}
          </Button>
        }
      />
      {tree.error !== null && <LoadFailed lang={lang} error={tree.error} onReload={tree.reload} />}
      {tree.loading && !data && <p class="muted">{t(lang, 'loading')}</p>}
      {data && data.organisations.length === 0 && <p class="empty-state">{t(lang, 'treeEmpty')}</p>}
      {data && (
        <ul class="tree" data-testid="org-tree">
          {data.organisations.map((org) => (
            <li key={org.value.id} class="tree__org card" data-testid={`org-${org.value.id}`}>
              <div class="tree__row">
                <div>
                  <h2 class="tree__title">{localized(lang, org.value.name)}</h2>
                  <p class="muted small">
                    {t(lang, 'organisation')} · <span dir="ltr">{org.value.id}</span>
                  </p>
                </div>
                <div class="row">
                  <Button
                    small
                    onClick={() => setEditing({ kind: 'organisation', record: org })}
                    data-testid="edit-organisation"
                  >
                    {t(lang, 'edit')}
                  </Button>
                  <Button
                    small
                    onClick={() => setEditing({ kind: 'office', record: null, organisationId: org.value.id })}
                    data-testid="new-office"
                  >
                    {t(lang, 'newOffice')}
                  </Button>
                </div>
              </div>
              <OfficeList
                lang={lang}
                data={data}
                organisationId={org.value.id}
                onEdit={(record) => setEditing({ kind: 'office', record, organisationId: org.value.id })}
              />
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <NameEditor
          lang={lang}
          editing={editing}
          organisations={data?.organisations ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            tree.reload();
          }}
          onReload={() => {
            setEditing(null);
            tree.reload();
          }}
        />
      )}
    </>
  );
}

function OfficeList(props: {
  lang: Lang;
  data: Tree;
  organisationId: string;
  onEdit: (office: ProvincialOfficeView) => void;
}) {
  const { lang, data } = props;
  const offices = data.offices.filter((o) => o.value.organisationId === props.organisationId);
  if (offices.length === 0) return <p class="muted tree__empty">{t(lang, 'noOffices')}</p>;
  return (
    <ul class="tree__offices">
      {offices.map((office) => {
        const branches = data.branches.filter((b) => b.provincialOfficeId === office.value.id);
        return (
          <li key={office.value.id} class="tree__office" data-testid={`office-${office.value.id}`}>
            <div class="tree__row">
              <div>
                <h3 class="tree__title">{localized(lang, office.value.name)}</h3>
                <p class="muted small">
                  {t(lang, 'office')} · <span dir="ltr">{office.value.id}</span>
                </p>
              </div>
              <div class="row">
                <Button small onClick={() => props.onEdit(office)} data-testid="edit-office">
                  {t(lang, 'edit')}
                </Button>
                <Button
                  small
                  onClick={() => navigate(`/branches/new?office=${encodeURIComponent(office.value.id)}`)}
                  data-testid="new-branch"
                >
                  {t(lang, 'newBranch')}
                </Button>
              </div>
            </div>
            {branches.length === 0 ? (
              <p class="muted tree__empty">{t(lang, 'noBranches')}</p>
            ) : (
              <ul class="tree__branches">
                {branches.map((b) => (
                  <li key={b.id} class="tree__branch" data-testid={`branch-${b.id}`}>
                    <span class="tree__branch-name">{localized(lang, b.name)}</span>
                    <span class="muted small">
                      {t(lang, 'branchType')} {localDigits(lang, b.type)}
                    </span>
                    <span class="row">
                      <Link
                        to={`/branches/${encodeURIComponent(b.id)}`}
                        class="ui-button ui-button--small ui-button--secondary"
                      >
                        {t(lang, 'openFloor')}
                      </Link>
                      <Link
                        to={`/branches/${encodeURIComponent(b.id)}/settings`}
                        class="ui-button ui-button--small ui-button--ghost"
                      >
                        {t(lang, 'branchDetails')}
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Creates or edits an organisation or a provincial office: an id (fixed once made) and its names. */
function NameEditor(props: {
  lang: Lang;
  editing: Editing;
  organisations: OrganisationView[];
  onClose: () => void;
  onSaved: () => void;
  onReload: () => void;
}) {
  const { lang, editing } = props;
  const record = editing.record;
  const isOffice = editing.kind === 'office';
  const [id, setId] = useState(record?.value.id ?? '');
  const [fa, setFa] = useState(record?.value.name.fa ?? '');
  const [en, setEn] = useState(record?.value.name.en ?? '');
  const [organisationId, setOrganisationId] = useState(editing.kind === 'office' ? editing.organisationId : '');
  const [mobiles, setMobiles] = useState(
    editing.kind === 'office'
      ? (editing.record?.value.alertMobiles ?? []).map((m) => localDigits(lang, m)).join('، ')
      : '',
  );
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useSave({ prefixes: ['value.'] });
  const base = isOffice ? '/api/v1/admin/provincial-offices' : '/api/v1/admin/organisations';
  const schema = isOffice ? OfficeSchema : OrgSchema;
  const title = record
    ? t(lang, isOffice ? 'editOffice' : 'editOrganisation')
    : t(lang, isOffice ? 'newOffice' : 'newOrganisation');

  const submit = async (e: Event) => {
    e.preventDefault();
    const name = { fa: fa.trim(), ...(en.trim() ? { en: en.trim() } : {}) };
    // [SY13] Numbers separated by commas (Persian or Latin), spaces or new lines; the server checks each.
    const alertMobiles = mobiles.split(/[\s,،]+/).filter(Boolean);
    const value = isOffice ? { id: id.trim(), organisationId, name, alertMobiles } : { id: id.trim(), name };
    const body = { version: record?.version ?? 0, value };
    const done = await save.run(() =>
      record ? api.put(schema, path(base, record.value.id), body) : api.post(schema, base, body),
    );
    if (done) props.onSaved();
  };
  const remove = async () => {
    if (!record) return;
    const done = await save.run(() =>
      api.delete(Ok, path(base, record.value.id), { query: { version: record.version } }),
    );
    setConfirmDelete(false);
    if (done) props.onSaved();
  };

  return (
    <Modal title={title} onClose={props.onClose} closeLabel={t(lang, 'close')} testId="name-editor">
      <form id="name-editor-form" class="stack" onSubmit={submit}>
        <SaveBanner lang={lang} save={save} onReload={props.onReload} />
        {record && <ChangedLine lang={lang} changed={record.changed} />}
        <Field label={t(lang, 'id')} hint={t(lang, 'idHint')} error={save.fieldError('id')}>
          {(c) => (
            <input
              {...c}
              dir="ltr"
              value={id}
              readOnly={record !== null}
              required
              onInput={(e) => setId(e.currentTarget.value)}
              data-testid="field-id"
            />
          )}
        </Field>
        {isOffice && (
          <Field label={t(lang, 'organisation')} error={save.fieldError('organisationId')}>
            {(c) => (
              <select {...c} value={organisationId} onChange={(e) => setOrganisationId(e.currentTarget.value)}>
                {props.organisations.map((o) => (
                  <option key={o.value.id} value={o.value.id}>
                    {localized(lang, o.value.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t(lang, 'nameFa')} error={save.fieldError('name.fa')}>
          {(c) => (
            <input
              {...c}
              dir="rtl"
              lang="fa"
              value={fa}
              required
              onInput={(e) => setFa(e.currentTarget.value)}
              data-testid="field-name-fa"
            />
          )}
        </Field>
        <Field label={t(lang, 'nameEn')} hint={t(lang, 'nameEnHint')} error={save.fieldError('name.en')}>
          {(c) => (
            <input
              {...c}
              dir="ltr"
              lang="en"
              value={en}
              onInput={(e) => setEn(e.currentTarget.value)}
              data-testid="field-name-en"
            />
          )}
        </Field>
        {isOffice && (
          <Field
            label={localized(lang, ALERT_MOBILES.label)}
            hint={localized(lang, ALERT_MOBILES.hint)}
            error={save.fieldError('alertMobiles')}
          >
            {(c) => (
              <input
                {...c}
                dir="ltr"
                inputMode="tel"
                value={mobiles}
                onInput={(e) => setMobiles(e.currentTarget.value)}
                data-testid="field-alert-mobiles"
              />
            )}
          </Field>
        )}
        {confirmDelete && (
          <Banner
            tone="warn"
            actions={
              <>
                <Button variant="danger" small onClick={remove} data-testid="confirm-delete">
                  {t(lang, 'remove')}
                </Button>
                <Button small onClick={() => setConfirmDelete(false)}>
                  {t(lang, 'cancel')}
                </Button>
              </>
            }
          >
            <p>
              {t(lang, 'remove')}: {localized(lang, record?.value.name ?? { fa: id })}?
            </p>
          </Banner>
        )}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={save.busy} data-testid="save">
            {t(lang, 'save')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
          {record && (
            <Button variant="danger" class="push-end" onClick={() => setConfirmDelete(true)} data-testid="delete">
              {t(lang, 'remove')}
            </Button>
          )}
        </div>
      </form>
    </Modal>
  );
}
