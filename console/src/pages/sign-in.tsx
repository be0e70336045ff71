// Signing in, and the one-time password: a new office's first admin (or anyone an admin reset)
// must choose a new password before anything else. The server ends the account's other sessions
// and answers with a new one (its cookie replaces the old).
import { ApiError, errorText } from '@nobat/client';
import { Banner, Button, Field } from '@nobat/client/preact';
import { type Lang, LoginResponse, localDigits, type Message, MIN_PASSWORD_LENGTH } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { message, t } from '../i18n.ts';

function AuthFrame(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  title: string;
  children: preact.ComponentChildren;
}) {
  const { lang } = props;
  const main = useRef<HTMLElement>(null);
  // The first field takes focus when the page opens (a page, not a dialog: no autofocus attribute).
  useEffect(() => main.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus(), []);
  return (
    <div class="auth">
      <div class="auth__card">
        <div class="auth__brand">
          <span class="brand-mark" aria-hidden="true">
            ن
          </span>
          <div>
            <p class="auth__app">{t(lang, 'appName')}</p>
            <p class="muted">{t(lang, 'appTagline')}</p>
          </div>
          <Button
            variant="ghost"
            small
            class="auth__lang"
            lang={lang === 'fa' ? 'en' : 'fa'}
            onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}
            data-testid="language"
          >
            {t(lang, 'language')}
          </Button>
        </div>
        <main id="main" tabIndex={-1} ref={main}>
          <h1 class="auth__title">{props.title}</h1>
          {props.children}
        </main>
      </div>
    </div>
  );
}

export function SignIn(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** Why the reader is here (signed out, session ended), in both languages. */
  notice: Message | null;
  onSignedIn: (r: LoginResponse) => void;
}) {
  const { lang } = props;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(
        await api.post(LoginResponse, '/api/v1/auth/login', {
          username: String(form.get('username') ?? '').trim(),
          password: String(form.get('password') ?? ''),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthFrame lang={lang} setLang={props.setLang} title={t(lang, 'signInTitle')}>
      <p class="muted">{t(lang, 'signInHint')}</p>
      {props.notice && !error && (
        <Banner tone="info" testId="sign-in-notice">
          <p>{props.notice[lang]}</p>
        </Banner>
      )}
      {error !== null && (
        <Banner tone="error" testId="sign-in-error">
          <p>{errorText(lang, error)}</p>
        </Banner>
      )}
      <form class="stack" onSubmit={submit} data-testid="sign-in-form">
        <Field label={t(lang, 'username')}>
          {(c) => (
            <input
              {...c}
              name="username"
              autoComplete="username"
              dir="ltr"
              required
              data-autofocus
              data-testid="username"
            />
          )}
        </Field>
        <Field label={t(lang, 'password')}>
          {(c) => (
            <input
              {...c}
              name="password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              data-testid="password"
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} data-testid="sign-in">
          {t(lang, 'signIn')}
        </Button>
      </form>
    </AuthFrame>
  );
}

export function ChangePassword(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  required: boolean;
  onChanged: (r: LoginResponse) => void;
  onCancel: () => void;
}) {
  const { lang } = props;
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const next = String(form.get('new') ?? '');
    setError(null);
    setMismatch(next !== String(form.get('repeat') ?? ''));
    if (next !== String(form.get('repeat') ?? '')) return;
    setBusy(true);
    try {
      props.onChanged(
        await api.post(LoginResponse, '/api/v1/auth/password', {
          current: String(form.get('current') ?? ''),
          new: next,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const issue = (path: string) =>
    error instanceof ApiError
      ? error
          .issuesAt(path)
          .map((i) => i.message)
          .join(' ') || null
      : null;
  const min = t(lang, 'minLength', { n: localDigits(lang, MIN_PASSWORD_LENGTH) });
  return (
    <AuthFrame lang={lang} setLang={props.setLang} title={t(lang, 'changePassword')}>
      {props.required && (
        <Banner tone="warn" testId="must-change-password">
          <p>{t(lang, 'mustChangePassword')}</p>
        </Banner>
      )}
      {error !== null && (
        <Banner tone="error" testId="password-error">
          <p>{errorText(lang, error)}</p>
        </Banner>
      )}
      <form class="stack" onSubmit={submit} data-testid="change-password-form">
        <Field label={t(lang, 'currentPassword')} error={issue('current')}>
          {(c) => (
            <input
              {...c}
              name="current"
              data-testid="current-password"
              type="password"
              autoComplete="current-password"
              dir="ltr"
              required
              data-autofocus
            />
          )}
        </Field>
        <Field label={t(lang, 'newPassword')} hint={min} error={issue('new')}>
          {(c) => (
            <input
              {...c}
              name="new"
              data-testid="new-password"
              type="password"
              autoComplete="new-password"
              dir="ltr"
              minLength={MIN_PASSWORD_LENGTH}
              required
            />
          )}
        </Field>
        <Field label={t(lang, 'repeatPassword')} error={mismatch ? message('passwordsDiffer')[lang] : null}>
          {(c) => (
            <input
              {...c}
              name="repeat"
              type="password"
              autoComplete="new-password"
              dir="ltr"
              required
              data-testid="repeat-password"
            />
          )}
        </Field>
        <div class="row">
          <Button type="submit" variant="primary" busy={busy} data-testid="change-password">
            {t(lang, 'changePassword')}
          </Button>
          <Button onClick={props.onCancel} data-testid="password-cancel">
            {props.required ? t(lang, 'signOut') : t(lang, 'cancel')}
          </Button>
        </div>
      </form>
    </AuthFrame>
  );
}
