// The clerk's desk: sign in, take a counter, call and serve with one big button or the keyboard,
// with the counter's queue updating live. (Issue 5 continues: transfer, park, documents, the day.)
import type {
  CounterActionResult,
  CounterSummary,
  ErrorBody,
  LoginResponse,
  SessionUser,
  StaffServerEvents,
  StaffTicket,
} from '@nobat/protocol';
import { toPersianDigits } from '@nobat/protocol';
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import 'vazirmatn/Vazirmatn-font-face.css';
import './style.css';

const SESSION = 'nobat.session';
const fa = (s: string | number) => toPersianDigits(s);

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json().catch(() => null)) as T | ErrorBody | null;
  if (!res.ok) {
    const message =
      json && typeof json === 'object' && 'error' in json ? json.error.message.fa : `خطای ${fa(res.status)}`;
    throw Object.assign(new Error(message), { status: res.status });
  }
  return json as T;
}

function Login(props: { onSignedIn: (s: LoginResponse) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    const body = await res.json();
    if (!res.ok) return setError(body.error?.message?.fa ?? 'ورود ناموفق بود');
    props.onSignedIn(body as LoginResponse);
  };
  return (
    <main class="login">
      <h1>ورود به میز کار باجه</h1>
      <form onSubmit={submit}>
        <label>
          نام کاربری <input name="username" autoComplete="username" required data-testid="username" />
        </label>
        <label>
          گذرواژه{' '}
          <input name="password" type="password" autoComplete="current-password" required data-testid="password" />
        </label>
        <button type="submit" class="primary" data-testid="sign-in">
          ورود
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

const STATUS: Record<string, string> = { waiting: 'در انتظار', called: 'فراخوانده', serving: 'در حال خدمت' };

function Desk(props: { token: string; user: SessionUser; signOut: () => void }) {
  const { token, user } = props;
  const branchId = user.branchId ?? '';
  const [counters, setCounters] = useState<CounterSummary[]>([]);
  const [counterId, setCounterId] = useState<string | null>(() => localStorage.getItem(`nobat.counter.${user.id}`));
  const [queue, setQueue] = useState<StaffTicket[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [online, setOnline] = useState(true);

  const refresh = useCallback(async () => {
    const list = await call<CounterSummary[]>('GET', `/api/v1/branches/${branchId}/counters`, token);
    setCounters(list);
    if (counterId) setQueue(await call<StaffTicket[]>('GET', `/api/v1/counters/${counterId}/queue`, token));
  }, [branchId, counterId, token]);

  useEffect(() => {
    void refresh().catch(() => undefined);
    const socket: Socket<StaffServerEvents> = io('/counter', { auth: { branchId, token } });
    socket.on('connect', () => {
      setOnline(true);
      void refresh().catch(() => undefined);
    });
    socket.on('disconnect', () => setOnline(false));
    socket.on('ticket:changed', () => void refresh().catch(() => undefined));
    socket.on('counter:changed', () => void refresh().catch(() => undefined));
    return () => socket.close();
  }, [branchId, token, refresh]);

  const mine = counters.find((c) => c.id === counterId && c.status !== 'closed');

  /**
   * Actions run one after another, in the order pressed. A repeat of the action already waiting or
   * running (a double click, a bouncing key) is dropped, so it never calls two tickets.
   */
  const chain = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(new Set<string>());
  const act = (action: string, body: unknown = {}) => {
    if (!counterId || pending.current.has(action)) return;
    pending.current.add(action);
    chain.current = chain.current.then(async () => {
      setMessage(null);
      try {
        const r = await call<CounterActionResult>('POST', `/api/v1/counters/${counterId}/${action}`, token, body);
        if (action === 'call-next' && !r.ticket) setMessage('صف خالی است.');
      } catch (err) {
        setMessage((err as Error).message);
        if ((err as { status?: number }).status === 401) props.signOut();
      } finally {
        pending.current.delete(action);
      }
      await refresh().catch(() => undefined);
    });
  };

  const take = async (id: string) => {
    setCounterId(id);
    localStorage.setItem(`nobat.counter.${user.id}`, id);
    try {
      await call('POST', `/api/v1/counters/${id}/open`, token);
      await refresh();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  useEffect(() => {
    const keys: Record<string, () => void> = {
      n: () => void act('call-next', { requestId: crypto.randomUUID().replace(/-/g, '') }),
      r: () => void act('recall'),
      s: () => void act('start'),
      f: () => void act('finish'),
      x: () => void act('no-show'),
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const run = keys[e.key.toLowerCase()];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!mine) {
    return (
      <main class="pick">
        <h1>خوش آمدید، {user.name}</h1>
        <p>باجه‌ای را که پشت آن هستید انتخاب کنید:</p>
        <div class="counters">
          {counters.map((c) => (
            <button
              type="button"
              key={c.id}
              class="counter"
              disabled={c.status !== 'closed'}
              data-testid={`take-${c.id}`}
              onClick={() => void take(c.id)}
            >
              <b>باجه {fa(c.number)}</b>
              <span>{c.services.map((s) => s.title.fa).join('، ')}</span>
            </button>
          ))}
        </div>
        {message && (
          <p class="error" role="alert">
            {message}
          </p>
        )}
      </main>
    );
  }

  const serving = mine.serving;
  return (
    <main class="desk">
      <header>
        <h1>
          باجه {fa(mine.number)} — {user.name}
        </h1>
        {!online && <span class="error">ارتباط قطع است؛ در حال اتصال دوباره…</span>}
      </header>
      <section class="current" data-testid="current">
        {serving ? (
          <>
            <p class="number" data-testid="current-number">
              {fa(serving.number)}
            </p>
            <p class="status" data-testid="current-status">
              {STATUS[serving.status] ?? serving.status}
            </p>
          </>
        ) : (
          <p class="idle">نوبتی در دست نیست</p>
        )}
        {message && (
          <p class="error" role="alert" data-testid="message">
            {message}
          </p>
        )}
      </section>
      <section class="actions">
        <button type="button" class="primary huge" data-testid="call-next" onClick={() => void act('call-next', {})}>
          نوبت بعدی <kbd>N</kbd>
        </button>
        <button type="button" data-testid="recall" onClick={() => void act('recall')}>
          فراخوانی دوباره <kbd>R</kbd>
        </button>
        <button type="button" data-testid="start" onClick={() => void act('start')}>
          شروع خدمت <kbd>S</kbd>
        </button>
        <button type="button" data-testid="finish" onClick={() => void act('finish')}>
          پایان <kbd>F</kbd>
        </button>
        <button type="button" data-testid="no-show" onClick={() => void act('no-show')}>
          غایب <kbd>X</kbd>
        </button>
      </section>
      <section class="queue">
        <h2>صف این باجه ({fa(queue.length)})</h2>
        <ol data-testid="queue">
          {queue.slice(0, 10).map((t) => (
            <li key={t.id}>{fa(t.number)}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function App() {
  const [session, setSession] = useState<LoginResponse | null>(() => {
    const saved = localStorage.getItem(SESSION);
    return saved ? (JSON.parse(saved) as LoginResponse) : null;
  });
  useEffect(() => {
    if (session && Date.parse(session.expiresAt) < Date.now()) setSession(null);
  }, [session]);
  if (!session) {
    return (
      <Login
        onSignedIn={(s) => {
          localStorage.setItem(SESSION, JSON.stringify(s));
          setSession(s);
        }}
      />
    );
  }
  return (
    <Desk
      token={session.token}
      user={session.user}
      signOut={() => {
        localStorage.removeItem(SESSION);
        setSession(null);
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
