// The clerk's desk app at /counter: sign in, then the desk. The session is the server's HttpOnly
// cookie; the page keeps only who signed in and until when (no token: a script that got into the page
// could not carry the session off). When the server no longer knows the session, the clerk signs in
// again and finds the counter as they left it (the counter stays theirs on the server meanwhile). A
// one-time password must be changed before the desk opens.
import { ApiError } from '@nobat/client';
import { Banner, Field, useLang } from '@nobat/client/preact';
import { type Lang, LoginResponse, localized, type Message } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import { z } from 'zod';
import { Desk } from './desk.tsx';
import { message, t, tryAgainIn } from './i18n.ts';
import { ChangePassword } from './password.tsx';
import { rest } from './rest.ts';
import './style.css';

/** Who is signed in and until when: what the page shows, never the session's secret. */
type SignedIn = Pick<LoginResponse, 'user' | 'expiresAt'>;
const SIGNED_IN = 'nobat.counter.signedIn';
/** Where an earlier version kept the whole session, token included: removed on sight. */
const LEGACY_SESSION = 'nobat.session';
const LANG = 'nobat.counter.lang';
const LAST_USER = 'nobat.counter.username';

function Login(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  expired: boolean;
  onSignedIn: (s: LoginResponse) => void;
}) {
  const { lang } = props;
  const [error, setError] = useState<{ text: Message; retryAfterSeconds?: number | undefined } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      const s = await rest.post(LoginResponse, '/api/v1/auth/login', {
        username: String(form.get('username') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      localStorage.setItem(LAST_USER, s.user.username);
      props.onSignedIn(s);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { text: err.text, retryAfterSeconds: err.retryAfterSeconds }
          : { text: message('signInFailed') },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page">
      <header class="bar">
        <h1>{t(lang, 'signInTitle')}</h1>
        <nav>
          <button type="button" data-testid="language" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
            {t(lang, 'language')}
          </button>
        </nav>
      </header>
      <main class="login">
        {props.expired && (
          <Banner tone="info" testId="session-expired">
            {t(lang, 'sessionExpired')}
          </Banner>
        )}
        <form onSubmit={submit}>
          <Field label={t(lang, 'username')}>
            {(control) => (
              <input
                {...control}
                name="username"
                autoComplete="username"
                required
                data-testid="username"
                defaultValue={localStorage.getItem(LAST_USER) ?? ''}
              />
            )}
          </Field>
          <Field label={t(lang, 'password')}>
            {(control) => (
              <input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                data-testid="password"
              />
            )}
          </Field>
          <button type="submit" class="primary" data-testid="sign-in" disabled={busy}>
            {t(lang, 'signIn')}
          </button>
          {error && (
            <Banner tone="error" testId="login-error">
              {localized(lang, error.text)}
              {error.retryAfterSeconds !== undefined && ` ${tryAgainIn(lang, error.retryAfterSeconds)}`}
            </Banner>
          )}
        </form>
      </main>
    </div>
  );
}

function App() {
  const [lang, setLang] = useLang({ storageKey: LANG, title: (l) => `نوبت — ${t(l, 'appTitle')}` });
  const [session, setSession] = useState<SignedIn | null>(() => {
    localStorage.removeItem(LEGACY_SESSION);
    const saved = localStorage.getItem(SIGNED_IN);
    const s = saved ? (JSON.parse(saved) as SignedIn) : null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  });
  const [expired, setExpired] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const signedIn = (s: LoginResponse) => {
    const kept: SignedIn = { user: s.user, expiresAt: s.expiresAt };
    localStorage.setItem(SIGNED_IN, JSON.stringify(kept));
    setExpired(false);
    setChangingPassword(false);
    setSession(kept);
  };

  // Expire the session on the client too, at the time the server said.
  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end(true), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  const end = (wasExpired: boolean) => {
    localStorage.removeItem(SIGNED_IN);
    setExpired(wasExpired);
    setChangingPassword(false);
    setSession(null);
  };

  if (!session) {
    return <Login lang={lang} setLang={setLang} expired={expired} onSignedIn={signedIn} />;
  }
  const signOut = () => {
    void rest.post(z.unknown(), '/api/v1/auth/logout').catch(() => undefined);
    end(false);
  };
  if (session.user.mustChangePassword || changingPassword) {
    return (
      <ChangePassword
        lang={lang}
        setLang={setLang}
        required={session.user.mustChangePassword === true}
        onChanged={signedIn}
        onBack={() => setChangingPassword(false)}
        onSignOut={signOut}
      />
    );
  }
  return (
    <Desk
      key={`${session.user.id}@${session.expiresAt}`}
      user={session.user}
      lang={lang}
      setLang={setLang}
      onExpired={() => end(true)}
      onSignOut={signOut}
      onChangePassword={() => setChangingPassword(true)}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
