// Users: an admin sees and manages everyone; a supervisor the clerks and officers of their own
// branch. Create (role, branch, the counters a clerk may staff, an officer's unit), edit, reset the
// password (one-time: the user must choose a new one at their next sign-in), disable and enable.
import { errorText, path } from '@nobat/client';
import { Banner, Button, CheckField, type Column, Field, Modal, Table } from '@nobat/client/preact';
import { type Lang, localized, type Role, type SessionUser } from '@nobat/protocol';
import { useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { api, type BranchListItem, ConfigEnvelope, UserView } from '../api.ts';
import { counterLabel, t, type Word } from '../i18n.ts';
import { loadBranches, useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { SaveBanner, useSave } from '../save.tsx';
import { PageHead, roleWord } from '../shell.tsx';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserView }
  | { kind: 'reset'; user: UserView }
  | { kind: 'toggle'; user: UserView };

export function UsersPage(props: { lang: Lang; user: SessionUser }) {
  const { lang, user: me } = props;
  const isAdmin = me.role === 'admin';
  const users = useLoad(
    () =>
      api.get(z.array(UserView), '/api/v1/admin/users', {
        query: { branchId: isAdmin ? undefined : (me.branchId ?? undefined) },
      }),
    [me.id],
  );
  const branches = useLoad(() => loadBranches(), [me.id]);
  // The counters clerks are limited to, named as the branch names them.
  const limitedBranches = [
    ...new Set((users.data ?? []).filter((u) => u.counters?.length && u.branchId).map((u) => u.branchId as string)),
  ].sort();
  const counterNames = useLoad(async () => {
    const names = new Map<string, string>();
    const envelopes = await Promise.all(
      limitedBranches.map((b) => api.get(ConfigEnvelope, path('/api/v1/admin/branches', b)).catch(() => null)),
    );
    for (const env of envelopes) {
      for (const c of env?.config.counters ?? []) names.set(`${env?.config.branch.id}/${c.id}`, counterLabel(lang, c));
    }
    return names;
  }, [limitedBranches.join(','), lang]);
  const counterName = (u: UserView, id: string) => counterNames.data?.get(`${u.branchId}/${id}`) ?? id;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<Word | null>(null);
  const branchName = (id: string | null) => {
    if (!id) return t(lang, 'allBranches');
    const b = branches.data?.find((x) => x.id === id);
    return b ? localized(lang, b.name) : id;
  };
  // A supervisor manages the clerks and officers of their own branch only (the server says so too).
  const rows = (users.data ?? []).filter(
    (u) => isAdmin || ((u.role === 'clerk' || u.role === 'officer') && u.branchId === me.branchId),
  );

  const columns = useMemo<Column<UserView>[]>(
    () => [
      { key: 'name', header: t(lang, 'name'), sortBy: (u) => u.name, cell: (u) => <strong>{u.name}</strong> },
      {
        key: 'username',
        header: t(lang, 'username'),
        sortBy: (u) => u.username,
        cell: (u) => <code dir="ltr">{u.username}</code>,
      },
      { key: 'role', header: t(lang, 'role'), sortBy: (u) => u.role, cell: (u) => t(lang, roleWord(u.role)) },
      {
        key: 'branch',
        header: t(lang, 'branch'),
        sortBy: (u) => branchName(u.branchId),
        cell: (u) => branchName(u.branchId),
      },
      {
        key: 'counters',
        header: t(lang, 'countersOrUnit'),
        cell: (u) =>
          u.role === 'officer' ? (
            <span data-testid={`unit-${u.username}`}>{u.unit ?? t(lang, 'none')}</span>
          ) : u.role !== 'clerk' ? (
            t(lang, 'none')
          ) : u.counters?.length ? (
            u.counters.map((id) => counterName(u, id)).join(lang === 'fa' ? '، ' : ', ')
          ) : (
            t(lang, 'anyCounter')
          ),
      },
      {
        key: 'status',
        header: t(lang, 'status'),
        sortBy: (u) => (u.active ? 0 : 1),
        cell: (u) => (
          <span class={`status ${u.active ? 'status--on' : 'status--off'}`}>
            {t(lang, u.active ? 'active' : 'disabled')}
          </span>
        ),
      },
      {
        key: 'actions',
        header: t(lang, 'actions'),
        srOnlyHeader: true,
        cell: (u) => (
          <div class="row nowrap">
            <Button small onClick={() => open({ kind: 'edit', user: u })} data-testid={`edit-${u.username}`}>
              {t(lang, 'edit')}
            </Button>
            <Button small onClick={() => open({ kind: 'reset', user: u })} data-testid={`reset-${u.username}`}>
              {t(lang, 'resetPassword')}
            </Button>
            {u.id !== me.id && (
              <Button
                small
                variant={u.active ? 'danger' : 'secondary'}
                onClick={() => open({ kind: 'toggle', user: u })}
                data-testid={`toggle-${u.username}`}
              >
                {t(lang, u.active ? 'disable' : 'enable')}
              </Button>
            )}
          </div>
        ),
      },
    ],
    [lang, branches.data, me.id, counterNames.data],
  );

  // A new dialog starts afresh: the last action's notice goes.
  const open = (d: Dialog) => {
    setNotice(null);
    setDialog(d);
  };
  const done = (text: Word) => {
    setDialog(null);
    setNotice(text);
    users.reload();
  };

  return (
    <>
      <PageHead
        title={t(lang, isAdmin ? 'navUsers' : 'navClerks')}
        intro={t(lang, isAdmin ? 'usersIntro' : 'clerksIntro')}
        actions={
          <Button variant="primary" onClick={() => open({ kind: 'create' })} data-testid="new-user">
            {t(lang, 'newUser')}
          </Button>
        }
      />
      {notice && (
        <Banner tone="success" testId="users-notice">
          <p>{t(lang, notice)}</p>
        </Banner>
      )}
      {users.error !== null && <LoadFailed lang={lang} error={users.error} onReload={users.reload} />}
      <Table
        caption={t(lang, 'navUsers')}
        columns={columns}
        rows={rows}
        rowKey={(u) => u.id}
        empty={users.loading ? t(lang, 'loading') : t(lang, 'nothingYet')}
        initialSort={{ key: 'name', dir: 'asc' }}
        sortLabel={t(lang, 'sortBy')}
        testId="users-table"
      />
      {dialog?.kind === 'create' && (
        <UserEditor
          lang={lang}
          me={me}
          branches={branches.data ?? []}
          user={null}
          onClose={() => setDialog(null)}
          onDone={() => done('userCreated')}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserEditor
          lang={lang}
          me={me}
          branches={branches.data ?? []}
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => done('saved')}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPassword
          lang={lang}
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => done('passwordReset')}
          onReload={() => {
            setDialog(null);
            users.reload();
          }}
        />
      )}
      {dialog?.kind === 'toggle' && (
        <ToggleUser
          lang={lang}
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(active) => done(active ? 'userEnabled' : 'userDisabled')}
          onReload={() => {
            setDialog(null);
            users.reload();
          }}
        />
      )}
    </>
  );
}

/** `version` is sent when the user has one (it refuses a change made on a stale view). */
const versionOf = (u: UserView) => (u.version > 0 ? { version: u.version } : {});

/** A random one-time password an admin can hand over (no look-alike characters). */
export function suggestPassword(length = 12): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

function UserEditor(props: {
  lang: Lang;
  me: SessionUser;
  branches: BranchListItem[];
  user: UserView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, me, user } = props;
  const isAdmin = me.role === 'admin';
  const [username, setUsername] = useState(user?.username ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'clerk');
  const [branchId, setBranchId] = useState<string>(
    user?.branchId ?? (isAdmin ? (props.branches[0]?.id ?? '') : (me.branchId ?? '')),
  );
  const [password, setPassword] = useState(() => (user ? '' : suggestPassword()));
  const [counters, setCounters] = useState<string[]>(user?.counters ?? []);
  const [unit, setUnit] = useState<string>(user?.unit ?? '');
  const save = useSave();
  // [RQ9] An officer's unit is one of the branch's units (those its workflows name).
  const units = useLoad(
    () =>
      branchId && role === 'officer'
        ? api.get(z.array(z.string()), path('/api/v1/branches', branchId, 'units'))
        : Promise.resolve([] as string[]),
    [branchId, role],
  );
  const branchConfig = useLoad(
    () =>
      branchId && role === 'clerk'
        ? api.get(ConfigEnvelope, path('/api/v1/admin/branches', branchId))
        : Promise.resolve(null),
    [branchId, role],
  );
  const branchCounters = branchConfig.data?.config.counters ?? [];

  const submit = async (e: Event) => {
    e.preventDefault();
    const forBranch = role === 'admin' ? null : branchId || null;
    const clerkCounters = role === 'clerk' && counters.length ? counters : undefined;
    const officerUnit = role === 'officer' && unit ? { unit } : {};
    const answer = await save.run(() =>
      user
        ? api.patch(UserView, path('/api/v1/admin/users', user.id), {
            ...versionOf(user),
            name: name.trim(),
            ...(isAdmin ? { role, branchId: forBranch } : role !== user.role ? { role } : {}),
            ...(role === 'clerk' && (counters.length || user.counters) ? { counters: clerkCounters ?? null } : {}),
            ...officerUnit,
          })
        : api.post(UserView, '/api/v1/admin/users', {
            username: username.trim(),
            name: name.trim(),
            role,
            branchId: forBranch,
            password,
            ...(clerkCounters ? { counters: clerkCounters } : {}),
            ...officerUnit,
          }),
    );
    if (answer) props.onDone();
  };

  // A supervisor makes clerks and officers of their own branch.
  const roles: Role[] = isAdmin ? ['admin', 'supervisor', 'clerk', 'officer'] : ['clerk', 'officer'];
  return (
    <Modal
      title={user ? `${t(lang, 'edit')}: ${user.name}` : t(lang, 'newUser')}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      wide
      testId="user-editor"
    >
      <form class="stack" onSubmit={submit}>
        <SaveBanner lang={lang} save={save} />
        <div class="grid-2">
          <Field label={t(lang, 'username')} error={save.fieldError('username')}>
            {(c) => (
              <input
                {...c}
                dir="ltr"
                value={username}
                readOnly={Boolean(user)}
                required
                autoComplete="off"
                onInput={(e) => setUsername(e.currentTarget.value)}
                data-testid="field-username"
              />
            )}
          </Field>
          <Field label={t(lang, 'name')} error={save.fieldError('name')}>
            {(c) => (
              <input
                {...c}
                value={name}
                required
                onInput={(e) => setName(e.currentTarget.value)}
                data-testid="field-name"
              />
            )}
          </Field>
          <Field label={t(lang, 'role')} hint={t(lang, 'roleHint')} error={save.fieldError('role')}>
            {(c) => (
              <select
                {...c}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
                data-testid="field-role"
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(lang, roleWord(r))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t(lang, 'branch')} hint={t(lang, 'userBranchHint')} error={save.fieldError('branchId')}>
            {(c) => (
              <select
                {...c}
                value={role === 'admin' ? '' : branchId}
                disabled={!isAdmin || role === 'admin'}
                onChange={(e) => {
                  setBranchId(e.currentTarget.value);
                  setCounters([]);
                  setUnit('');
                }}
                data-testid="field-branch"
              >
                {role === 'admin' && <option value="">{t(lang, 'allBranches')}</option>}
                {props.branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(lang, b.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {role === 'officer' && (
            <Field
              label={t(lang, 'unit')}
              hint={t(lang, 'unitHint')}
              error={save.fieldError('unit') ?? (units.error ? errorText(lang, units.error) : null)}
              class="span-2"
            >
              {(c) => (
                <select
                  {...c}
                  value={unit}
                  required
                  onChange={(e) => setUnit(e.currentTarget.value)}
                  data-testid="field-unit"
                >
                  <option value="">{units.loading ? t(lang, 'loading') : t(lang, 'chooseUnit')}</option>
                  {/* A unit no longer named by the workflows stays shown while it is the user's. */}
                  {[...new Set([...(unit ? [unit] : []), ...(units.data ?? [])])].map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {!user && (
            <Field
              label={t(lang, 'initialPassword')}
              hint={t(lang, 'initialPasswordHint')}
              error={save.fieldError('password')}
              class="span-2"
            >
              {(c) => (
                <input
                  {...c}
                  dir="ltr"
                  value={password}
                  required
                  minLength={8}
                  autoComplete="off"
                  onInput={(e) => setPassword(e.currentTarget.value)}
                  data-testid="field-password"
                />
              )}
            </Field>
          )}
        </div>
        {role === 'clerk' && (
          <fieldset class="checks" data-testid="field-counters">
            <legend class="ui-field__label">{t(lang, 'counters')}</legend>
            <p class="ui-field__hint">{t(lang, 'countersHint')}</p>
            {branchCounters.length === 0 && (
              <p class="muted small">{branchConfig.loading ? t(lang, 'loading') : t(lang, 'nothingYet')}</p>
            )}
            <div class="checks__grid">
              {branchCounters.map((c) => (
                <CheckField
                  key={c.id}
                  label={counterLabel(lang, c)}
                  checked={counters.includes(c.id)}
                  onChange={(on) => setCounters(on ? [...counters, c.id] : counters.filter((x) => x !== c.id))}
                  testId={`counter-${c.id}`}
                />
              ))}
            </div>
            {save.fieldError('counters') && <p class="ui-field__error">{save.fieldError('counters')}</p>}
          </fieldset>
        )}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={save.busy} data-testid="save">
            {user ? t(lang, 'save') : t(lang, 'create')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </div>
      </form>
    </Modal>
  );
}

function ResetPassword(props: {
  lang: Lang;
  user: UserView;
  onClose: () => void;
  onDone: () => void;
  onReload: () => void;
}) {
  const { lang, user } = props;
  const [password, setPassword] = useState(() => suggestPassword());
  const save = useSave();
  const submit = async (e: Event) => {
    e.preventDefault();
    const answer = await save.run(() =>
      api.patch(UserView, path('/api/v1/admin/users', user.id), { ...versionOf(user), password }),
    );
    if (answer) props.onDone();
  };
  return (
    <Modal
      title={`${t(lang, 'resetPassword')}: ${user.name}`}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      testId="reset-password"
    >
      <form class="stack" onSubmit={submit}>
        <SaveBanner lang={lang} save={save} onReload={props.onReload} />
        <Field label={t(lang, 'newPassword')} hint={t(lang, 'resetPasswordHint')} error={save.fieldError('password')}>
          {(c) => (
            <input
              {...c}
              dir="ltr"
              class={`${c.class} mono`}
              value={password}
              required
              minLength={8}
              autoComplete="off"
              onInput={(e) => setPassword(e.currentTarget.value)}
              data-testid="field-password"
              data-autofocus
            />
          )}
        </Field>
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={save.busy} data-testid="save">
            {t(lang, 'resetPassword')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </div>
      </form>
    </Modal>
  );
}

function ToggleUser(props: {
  lang: Lang;
  user: UserView;
  onClose: () => void;
  onDone: (active: boolean) => void;
  onReload: () => void;
}) {
  const { lang, user } = props;
  const save = useSave();
  const active = !user.active;
  const confirm = async () => {
    const answer = await save.run(() =>
      api.patch(UserView, path('/api/v1/admin/users', user.id), { ...versionOf(user), active }),
    );
    if (answer) props.onDone(active);
  };
  return (
    <Modal
      title={`${t(lang, active ? 'enable' : 'disable')}: ${user.name}`}
      onClose={props.onClose}
      closeLabel={t(lang, 'close')}
      alert
      testId="toggle-user"
      footer={
        <>
          <Button
            variant={active ? 'primary' : 'danger'}
            busy={save.busy}
            onClick={confirm}
            data-testid="confirm"
            data-autofocus
          >
            {t(lang, active ? 'enable' : 'disable')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </>
      }
    >
      <SaveBanner lang={lang} save={save} onReload={props.onReload} />
      <p>{t(lang, active ? 'enableConfirm' : 'disableConfirm', { name: user.name })}</p>
    </Modal>
  );
}
