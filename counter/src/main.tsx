// The clerk's desk app at /counter: sign in, then the desk. The session is kept across reloads; when
// the server no longer knows it, the clerk signs in again and finds the counter as they left it
// (the counter stays theirs on the server meanwhile).
import { type Lang, type LoginResponse, localized, type Message } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'vazirmatn/Vazirmatn-font-face.css';
import { ApiError, api } from './api.ts';
import { Desk } from './desk.tsx';
import { message, t, tryAgainIn } from './i18n.ts';
import './style.css';

const SESSION = 'nobat.session';
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
      const s = await api<LoginResponse>('POST', '/api/v1/auth/login', null, {
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
          <p class="info" role="status" data-testid="session-expired">
            {t(lang, 'sessionExpired')}
          </p>
        )}
        <form onSubmit={submit}>
          <label>
            {t(lang, 'username')}
            <input
              name="username"
              autoComplete="username"
              required
              data-testid="username"
              defaultValue={localStorage.getItem(LAST_USER) ?? ''}
            />
          </label>
          <label>
            {t(lang, 'password')}
            <input name="password" type="password" autoComplete="current-password" required data-testid="password" />
          </label>
          <button type="submit" class="primary" data-testid="sign-in" disabled={busy}>
            {t(lang, 'signIn')}
          </button>
          {error && (
            <p class="error" role="alert" data-testid="login-error">
              {localized(lang, error.text)}
              {error.retryAfterSeconds !== undefined && ` ${tryAgainIn(lang, error.retryAfterSeconds)}`}
            </p>
          )}
        </form>
      </main>
    </div>
  );
}

/** The language to start in: `?lang=en` / `?lang=fa` in the address (kept for next time), else the last one chosen. */
function startLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'fa') {
    localStorage.setItem(LANG, asked);
    return asked;
  }
  return localStorage.getItem(LANG) === 'en' ? 'en' : 'fa';
}

function App() {
  const [lang, setLangState] = useState<Lang>(startLang);
  const [session, setSession] = useState<LoginResponse | null>(() => {
    const saved = localStorage.getItem(SESSION);
    const s = saved ? (JSON.parse(saved) as LoginResponse) : null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  });
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
    document.title = `نوبت — ${t(lang, 'appTitle')}`;
  }, [lang]);

  // Expire the session on the client too, at the time the server said.
  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end(true), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  const setLang = (l: Lang) => {
    localStorage.setItem(LANG, l);
    setLangState(l);
  };
  const end = (wasExpired: boolean) => {
    localStorage.removeItem(SESSION);
    setExpired(wasExpired);
    setSession(null);
  };

  if (!session) {
    return (
      <Login
        lang={lang}
        setLang={setLang}
        expired={expired}
        onSignedIn={(s) => {
          localStorage.setItem(SESSION, JSON.stringify(s));
          setExpired(false);
          setSession(s);
        }}
      />
    );
  }
  return (
    <Desk
      key={session.token}
      token={session.token}
      user={session.user}
      lang={lang}
      setLang={setLang}
      onExpired={() => end(true)}
      onSignOut={() => {
        void api('POST', '/api/v1/auth/logout', session.token).catch(() => undefined);
        end(false);
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
