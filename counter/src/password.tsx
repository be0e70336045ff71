// Choosing a new password: required before anything else when the password is one-time (a new
// office's first admin), and open to anyone signed in from the desk's bar. The server ends the
// account's other sessions and answers with a new one (its cookie replaces the old).

import { ApiError } from '@nobat/client';
import { Banner, Field } from '@nobat/client/preact';
import { type Lang, LoginResponse, localDigits, localized, type Message, MIN_PASSWORD_LENGTH } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { message, t } from './i18n.ts';
import { rest } from './rest.ts';

export function ChangePassword(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The password is one-time: there is no going back to the desk without a new one. */
  required: boolean;
  onChanged: (s: LoginResponse) => void;
  onBack: () => void;
  onSignOut: () => void;
}) {
  const { lang } = props;
  // Kept in both languages, so it follows the language switch.
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const next = String(form.get('new') ?? '');
    setError(null);
    if (next !== String(form.get('repeat') ?? '')) return setError(message('passwordsDiffer'));
    setBusy(true);
    try {
      props.onChanged(
        await rest.post(LoginResponse, '/api/v1/auth/password', {
          current: String(form.get('current') ?? ''),
          new: next,
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.text : { fa: String(err), en: String(err) });
    } finally {
      setBusy(false);
    }
  };
  const min = `${t(lang, 'atLeast')} ${localDigits(lang, MIN_PASSWORD_LENGTH)} ${t(lang, 'characters')}`;
  return (
    <div class="page">
      <header class="bar">
        <h1>{t(lang, 'changePasswordTitle')}</h1>
        <nav>
          <button type="button" data-testid="language" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
            {t(lang, 'language')}
          </button>
          {props.required ? (
            <button type="button" data-testid="sign-out" onClick={props.onSignOut}>
              {t(lang, 'signOut')}
            </button>
          ) : (
            <button type="button" data-testid="back" onClick={props.onBack}>
              {t(lang, 'back')}
            </button>
          )}
        </nav>
      </header>
      <main class="login">
        {props.required && (
          <Banner tone="info" testId="must-change-password">
            {t(lang, 'mustChangePassword')}
          </Banner>
        )}
        <form onSubmit={submit} data-testid="change-password-form">
          <Field label={t(lang, 'currentPassword')}>
            {(control) => (
              <input
                {...control}
                name="current"
                type="password"
                autoComplete="current-password"
                required
                data-testid="current-password"
              />
            )}
          </Field>
          <Field label={t(lang, 'newPassword')} hint={min}>
            {(control) => (
              <input
                {...control}
                name="new"
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD_LENGTH}
                required
                data-testid="new-password"
              />
            )}
          </Field>
          <Field label={t(lang, 'repeatPassword')}>
            {(control) => (
              <input
                {...control}
                name="repeat"
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD_LENGTH}
                required
                data-testid="repeat-password"
              />
            )}
          </Field>
          <button type="submit" class="primary" data-testid="save-password" disabled={busy}>
            {t(lang, 'savePassword')}
          </button>
          {error && (
            <Banner tone="error" testId="password-error">
              {localized(lang, error)}
            </Banner>
          )}
        </form>
      </main>
    </div>
  );
}
