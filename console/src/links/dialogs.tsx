// [SY1] The branch links page's dialogs: linking a branch (an admin chooses one not yet linked), its
// token shown this once with the exact lines for the branch server's settings, and unlinking, confirmed.
import { path } from '@nobat/client';
import { Button, Field, Modal } from '@nobat/client/preact';
import { type BranchLinkListItem, type BranchListItem, CreatedBranchLink, type Lang, localized } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { api, Ok } from '../api.ts';
import { t } from '../i18n.ts';
import { SaveBanner, useSave } from '../save.tsx';
import { CopiedNote, CopyRow, SecretOnce } from '../secret-once.tsx';
import { fill } from './words.ts';

export function LinkDialog(props: {
  lang: Lang;
  /** The branches not linked yet. */
  branches: readonly BranchListItem[];
  onClose: () => void;
  onLinked: (created: CreatedBranchLink) => void;
}) {
  const { lang, branches } = props;
  const [branchId, setBranchId] = useState(branches[0]?.id ?? '');
  const save = useSave();
  const submit = async (e: Event) => {
    e.preventDefault();
    const answer = await save.run(() => api.post(CreatedBranchLink, '/api/v1/admin/branch-links', { branchId }));
    if (answer) props.onLinked(answer);
  };
  return (
    <Modal title={fill(lang, 'linkTitle')} onClose={props.onClose} closeLabel={t(lang, 'close')} testId="link-dialog">
      <form class="stack" onSubmit={submit}>
        <SaveBanner lang={lang} save={save} />
        {branches.length === 0 ? (
          <p data-testid="all-linked">{fill(lang, 'allLinked')}</p>
        ) : (
          <Field label={fill(lang, 'branch')} hint={fill(lang, 'linkHint')} error={save.fieldError('branchId')}>
            {(c) => (
              <select
                {...c}
                value={branchId}
                onChange={(e) => setBranchId(e.currentTarget.value)}
                data-testid="link-branch-choice"
              >
                {branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(lang, b.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div class="form-actions">
          <Button
            type="submit"
            variant="primary"
            busy={save.busy}
            disabled={branches.length === 0}
            data-testid="link-confirm"
          >
            {fill(lang, 'linkDo')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </div>
      </form>
    </Modal>
  );
}

/** The settings lines of the branch server: this centre's address (as this browser reaches it) and the token. */
export const envLines = (origin: string, token: string) => `NOBAT_CENTRAL_URL=${origin}\nNOBAT_CENTRAL_TOKEN=${token}`;

/** The new link's token, shown this once, with the lines to put in the branch server's settings. */
export function TokenOnce(props: { lang: Lang; created: CreatedBranchLink; name: string; onClose: () => void }) {
  const { lang, created } = props;
  const lines = envLines(window.location.origin, created.token);
  const words = {
    title: fill(lang, 'tokenTitle'),
    warning: fill(lang, 'tokenOnce'),
    copy: fill(lang, 'copy'),
    copied: fill(lang, 'copied'),
  };
  return (
    <SecretOnce lang={lang} words={words} testId="link-token-once" doneTestId="link-token-done" onClose={props.onClose}>
      <p class="muted small">
        <span data-user-text>{props.name}</span> · <code dir="ltr">{created.link.branchId}</code>
      </p>
      <CopyRow label={fill(lang, 'token')} text={created.token} buttonTestId="copy-link-token">
        <code class="secret" dir="ltr" data-testid="link-token">
          {created.token}
        </code>
      </CopyRow>
      <CopyRow
        label={fill(lang, 'envLines')}
        text={lines}
        buttonTestId="copy-link-env"
        hint={
          // The file's name, Latin, set apart so it reads whole inside the Persian sentence.
          fill(lang, 'envHint')
            .split(/(\{file\})/)
            .map((part) =>
              part === '{file}' ? (
                <code key={part} dir="ltr">
                  deploy/.env
                </code>
              ) : (
                part
              ),
            )
        }
      >
        <pre class="secret link-env" dir="ltr" data-testid="link-env">
          {lines}
        </pre>
      </CopyRow>
      <CopiedNote />
    </SecretOnce>
  );
}

export function UnlinkDialog(props: { lang: Lang; link: BranchLinkListItem; onClose: () => void; onDone: () => void }) {
  const { lang, link } = props;
  const save = useSave();
  const confirm = async () => {
    const answer = await save.run(() => api.delete(Ok, path('/api/v1/admin/branch-links', link.branchId)));
    if (answer) props.onDone();
  };
  return (
    <Modal
      title={fill(lang, 'unlinkTitle', { name: localized(lang, link.name) })}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      alert
      testId="unlink-dialog"
      footer={
        <>
          <Button variant="danger" busy={save.busy} onClick={confirm} data-testid="confirm-unlink">
            {fill(lang, 'unlink')}
          </Button>
          <Button onClick={props.onClose} data-autofocus data-testid="cancel-unlink">
            {t(lang, 'cancel')}
          </Button>
        </>
      }
    >
      <SaveBanner lang={lang} save={save} />
      <p>{fill(lang, 'unlinkConfirm')}</p>
    </Modal>
  );
}
