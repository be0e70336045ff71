// The clerk's desk: sign in (issue 5 builds the rest).
import type { LoginResponse, SessionUser } from '@nobat/protocol';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import 'vazirmatn/Vazirmatn-font-face.css';
import './style.css';

function App() {
  const [user, setUser] = useState<SessionUser | null>(null);
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
    setUser((body as LoginResponse).user);
  };
  if (user)
    return (
      <main>
        <h1>خوش آمدید، {user.name}</h1>
      </main>
    );
  return (
    <main>
      <h1>ورود به میز کار باجه</h1>
      <form onSubmit={submit}>
        <label>
          نام کاربری <input name="username" autoComplete="username" required />
        </label>
        <label>
          گذرواژه <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">ورود</button>
        {error && <p class="error">{error}</p>}
      </form>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
