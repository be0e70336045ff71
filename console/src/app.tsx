// The console: who is signed in decides what is shown. No session: the sign-in page; a one-time
// password: choosing a new one; a clerk: a pointer to the desk; an admin, supervisor or officer: the
// shell with the page of the address.
import { ApiError, errorText } from '@nobat/client';
import { Banner, Button, useLang } from '@nobat/client/preact';
import { type Lang, type Message, SessionUser } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AdvicePage, WhatIfPage } from './advice/index.tsx';
import { api, Ok, whenSessionEnds } from './api.ts';
import { BridgePage } from './bus/index.tsx';
import { FloorPlanPage } from './floor/index.tsx';
import { AlertsPage, DeviceHealthPage } from './health/pages.tsx';
import { OutboxPage } from './outbox/page.tsx';
// The live floor's alerts and devices slots (registered on import).
import './health/floor-slots.tsx';
import { message, t } from './i18n.ts';
import { BranchLinksPage } from './links/page.tsx';
import { LiveFloorPage } from './live/index.tsx';
import { AuditPage } from './pages/audit.tsx';
import { BranchSettingsPage } from './pages/branch-settings.tsx';
import { BranchesPage } from './pages/branches.tsx';
import { DevicesPage } from './pages/devices.tsx';
import { OrganisationPage } from './pages/organisation.tsx';
import { ChangePassword, SignIn } from './pages/sign-in.tsx';
import { UsersPage } from './pages/users.tsx';
import { DirectiveReportsPage } from './reports/directive.tsx';
import { ReportsPage } from './reports/index.tsx';
import { BranchRequestsPage } from './requests/branch-requests.tsx';
import { InboxPage } from './requests/inbox.tsx';
import { RequestPage } from './requests/request-page.tsx';
import { match, navigate, useLocation } from './router.tsx';
import { PageHead, Shell } from './shell.tsx';
import { TodayPage } from './today/index.tsx';

const LANG = { storageKey: 'nobat.console.lang', title: (lang: Lang) => t(lang, 'appName') };

type Session =
  | { state: 'loading' }
  | { state: 'signed-out'; notice: Message | null }
  | { state: 'signed-in'; user: SessionUser; changingPassword: boolean };

export function App() {
  const [lang, setLang] = useLang(LANG);
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [loadError, setLoadError] = useState<unknown>(null);

  const whoAmI = () => {
    setLoadError(null);
    api.get(SessionUser, '/api/v1/auth/me').then(
      (user) => setSession({ state: 'signed-in', user, changingPassword: user.mustChangePassword === true }),
      (err: unknown) => {
        if (err instanceof ApiError && err.unauthenticated) setSession({ state: 'signed-out', notice: null });
        else setLoadError(err);
      },
    );
  };
  useEffect(() => {
    whenSessionEnds(() =>
      setSession((s) => (s.state === 'signed-in' ? { state: 'signed-out', notice: message('sessionEnded') } : s)),
    );
    whoAmI();
  }, []);

  const signOut = async () => {
    await api.post(Ok, '/api/v1/auth/logout').catch(() => undefined);
    setSession({ state: 'signed-out', notice: message('signedOut') });
  };

  if (session.state === 'loading') {
    return (
      <main id="main" class="center">
        {loadError ? (
          <Banner tone="error" actions={<Button onClick={whoAmI}>{t(lang, 'reload')}</Button>}>
            <p>{errorText(lang, loadError)}</p>
          </Banner>
        ) : (
          <p class="muted" role="status">
            {t(lang, 'loading')}
          </p>
        )}
      </main>
    );
  }
  if (session.state === 'signed-out') {
    return (
      <SignIn
        lang={lang}
        setLang={setLang}
        notice={session.notice}
        onSignedIn={(r) => setSession({ state: 'signed-in', user: r.user, changingPassword: r.mustChangePassword })}
      />
    );
  }
  const { user } = session;
  if (session.changingPassword) {
    const required = user.mustChangePassword === true;
    return (
      <ChangePassword
        lang={lang}
        setLang={setLang}
        required={required}
        onChanged={(r) => setSession({ state: 'signed-in', user: r.user, changingPassword: false })}
        onCancel={required ? signOut : () => setSession({ ...session, changingPassword: false })}
      />
    );
  }
  if (user.role === 'clerk') {
    return (
      <main id="main" class="center">
        <Banner tone="info" testId="clerk-notice">
          <p>{t(lang, 'notForClerks')}</p>
        </Banner>
        <div class="row">
          <a class="ui-button ui-button--primary" href="/counter/">
            {t(lang, 'openDesk')}
          </a>
          <Button onClick={signOut}>{t(lang, 'signOut')}</Button>
        </div>
      </main>
    );
  }
  return (
    <SignedIn
      lang={lang}
      setLang={setLang}
      user={user}
      onSignOut={signOut}
      onChangePassword={() => setSession({ ...session, changingPassword: true })}
    />
  );
}

function SignedIn(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  user: SessionUser;
  onSignOut: () => void;
  onChangePassword: () => void;
}) {
  const { lang, user } = props;
  const { path, query } = useLocation();
  // An officer works their unit's inbox (issue 16); the others start at the organisation or their branch.
  const home =
    user.role === 'admin'
      ? '/organisation'
      : user.role === 'officer'
        ? '/inbox'
        : `/branches/${encodeURIComponent(user.branchId ?? '')}`;
  useEffect(() => {
    if (path === '/') navigate(home, true);
  }, [path, home]);

  // A page change moves focus to the new page's heading (not on the first page).
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    document.querySelector<HTMLElement>('#main [data-heading]')?.focus();
  }, [path]);

  const role = user.role === 'admin' ? 'admin' : 'supervisor';
  const page = user.role === 'officer' ? officerRoute(path, lang, user) : route(path, query, lang, user, role);
  // [SV4] The live floor on a wall screen: the page alone, no menu.
  const wall = match('/branches/:branchId/live', path);
  if (wall?.branchId && query.get('tv') === '1' && (role === 'admin' || wall.branchId === user.branchId)) {
    return <main id="main">{page}</main>;
  }
  return (
    <Shell
      lang={lang}
      setLang={props.setLang}
      user={user}
      path={path}
      onSignOut={props.onSignOut}
      onChangePassword={props.onChangePassword}
    >
      {page}
    </Shell>
  );
}

/** An officer's pages: their unit's inbox and the requests in it (the server says which they may read). */
function officerRoute(path: string, lang: Lang, user: SessionUser) {
  if (path === '/') return null;
  if (path === '/inbox') return <InboxPage lang={lang} user={user} />;
  const m = match('/requests/:id', path);
  if (m?.id) return <RequestPage key={m.id} lang={lang} user={user} id={m.id} />;
  return <NotFound lang={lang} />;
}

function route(path: string, query: URLSearchParams, lang: Lang, user: SessionUser, role: 'admin' | 'supervisor') {
  const mine = (branchId: string) => role === 'admin' || branchId === user.branchId;
  if (path === '/') return null;
  const r = match('/requests/:id', path);
  if (r?.id) return <RequestPage key={r.id} lang={lang} user={user} id={r.id} />;
  if (role === 'admin' && path === '/organisation') return <OrganisationPage lang={lang} />;
  if (role === 'admin' && path === '/branches') return <BranchesPage lang={lang} user={user} />;
  if (role === 'admin' && path === '/branches/new') {
    return <BranchSettingsPage lang={lang} user={user} branchId={null} officeId={query.get('office')} />;
  }
  let m = match('/branches/:branchId/today', path);
  if (m?.branchId && mine(m.branchId)) return <TodayPage key={m.branchId} branchId={m.branchId} lang={lang} />;
  m = match('/branches/:branchId/settings', path);
  if (m?.branchId && mine(m.branchId)) {
    return <BranchSettingsPage key={m.branchId} lang={lang} user={user} branchId={m.branchId} officeId={null} />;
  }
  m = match('/branches/:branchId/advice', path);
  if (m?.branchId && mine(m.branchId)) return <AdvicePage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId/what-if', path);
  if (m?.branchId && mine(m.branchId)) return <WhatIfPage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId/live', path);
  if (m?.branchId && mine(m.branchId)) {
    return <LiveFloorPage key={m.branchId} branchId={m.branchId} lang={lang} wall={query.get('tv') === '1'} />;
  }
  m = match('/branches/:branchId/bridges/:deviceId', path);
  if (m?.branchId && m.deviceId && mine(m.branchId)) {
    return <BridgePage key={`${m.branchId}/${m.deviceId}`} branchId={m.branchId} deviceId={m.deviceId} lang={lang} />;
  }
  m = match('/branches/:branchId/alerts', path);
  if (m?.branchId && mine(m.branchId)) return <AlertsPage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId/requests', path);
  if (m?.branchId && mine(m.branchId)) return <BranchRequestsPage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId/outbox', path);
  if (m?.branchId && mine(m.branchId)) return <OutboxPage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId/device-health', path);
  if (m?.branchId && mine(m.branchId)) return <DeviceHealthPage key={m.branchId} lang={lang} branchId={m.branchId} />;
  m = match('/branches/:branchId', path);
  if (m?.branchId && mine(m.branchId)) {
    return <FloorPlanPage key={m.branchId} branchId={m.branchId} lang={lang} role={role} />;
  }
  if (path === '/reports') return <ReportsPage lang={lang} user={user} />;
  if (path === '/directive-reports') return <DirectiveReportsPage lang={lang} />;
  if (path === '/users') return <UsersPage lang={lang} user={user} />;
  if (path === '/devices') return <DevicesPage lang={lang} user={user} />;
  if (path === '/branch-links') return <BranchLinksPage lang={lang} user={user} />;
  if (path === '/audit') return <AuditPage lang={lang} user={user} />;
  return <NotFound lang={lang} />;
}

function NotFound(props: { lang: Lang }) {
  return (
    <>
      <PageHead title={t(props.lang, 'pageNotFound')} />
      <Button variant="primary" onClick={() => navigate('/')}>
        {t(props.lang, 'goHome')}
      </Button>
    </>
  );
}
