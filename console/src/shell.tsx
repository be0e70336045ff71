// The frame of every signed-in page: a skip link, the header (who is signed in and as what, the
// language switch, password, sign out), the side menu for the user's role, and the page itself.
// An admin's menu covers the organisation; a supervisor's only their own branch.
import { Button } from '@nobat/client/preact';
import type { Lang, Message, SessionUser } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { t as adviceWord } from './advice/words.ts';
import { WORDS as HEALTH_WORDS } from './health/words.ts';
import { t, type Word } from './i18n.ts';
import { LINKS_WORDS } from './links/words.ts';
import { OUTBOX_WORDS } from './outbox/words.ts';
import { both as reportsWord } from './reports/words.ts';
import { both as requestsWord } from './requests/words.ts';
import { Link } from './router.tsx';
import { TODAY_TITLE } from './today/words.ts';

/** A menu item's words: the console's (i18n.ts) or a page's own, in both languages. */
export type MenuItem = { to: string; word: Word | Message; testId: string };

const itemText = (lang: Lang, word: MenuItem['word']) => (typeof word === 'string' ? t(lang, word) : word[lang]);

/** A branch's staffing advice and what-if pages (issue 13), for its supervisor or an admin inside it. */
function adviceItems(branchPath: string): MenuItem[] {
  const both = (w: Parameters<typeof adviceWord>[1]) => ({ fa: adviceWord('fa', w), en: adviceWord('en', w) });
  return [
    { to: `${branchPath}/advice`, word: both('navAdvice'), testId: 'nav-advice' },
    { to: `${branchPath}/what-if`, word: both('navWhatIf'), testId: 'nav-what-if' },
  ];
}

/** The reports over the history and the directives' reports (issue 14): an admin's of the organisation, a supervisor's of their branch. */
const reportItems = (): MenuItem[] => [
  { to: '/reports', word: reportsWord('navReports'), testId: 'nav-reports' },
  { to: '/directive-reports', word: reportsWord('navDirective'), testId: 'nav-directive-reports' },
];

/** The menu of a role. A supervisor's items all lead into their own branch. */
export function menuFor(user: SessionUser, path = ''): MenuItem[] {
  if (user.role === 'admin') {
    // Inside a branch, an admin also reaches the branch's changes for today and its advice pages.
    const branch = /^\/branches\/([^/]+)/.exec(path)?.[1];
    const inBranch = branch && branch !== 'new' ? `/branches/${branch}` : null;
    return [
      { to: '/organisation', word: 'navOrganisation', testId: 'nav-organisation' },
      { to: '/branches', word: 'navBranches', testId: 'nav-branches' },
      ...(inBranch
        ? [
            { to: `${inBranch}/today`, word: TODAY_TITLE, testId: 'nav-today' },
            { to: `${inBranch}/requests`, word: requestsWord('navRequests'), testId: 'nav-requests' },
            ...adviceItems(inBranch),
          ]
        : []),
      ...reportItems(),
      { to: '/users', word: 'navUsers', testId: 'nav-users' },
      { to: '/devices', word: 'navDevices', testId: 'nav-devices' },
      { to: '/branch-links', word: LINKS_WORDS.nav, testId: 'nav-branch-links' },
      { to: '/audit', word: 'navAudit', testId: 'nav-audit' },
    ];
  }
  if (user.role === 'supervisor' && user.branchId) {
    const b = `/branches/${encodeURIComponent(user.branchId)}`;
    return [
      { to: `${b}/live`, word: 'navLive', testId: 'nav-live' },
      { to: b, word: 'navFloor', testId: 'nav-floor' },
      { to: `${b}/today`, word: TODAY_TITLE, testId: 'nav-today' },
      { to: `${b}/requests`, word: requestsWord('navRequests'), testId: 'nav-requests' },
      { to: `${b}/settings`, word: 'navBranchSettings', testId: 'nav-branch-settings' },
      ...adviceItems(b),
      { to: `${b}/alerts`, word: HEALTH_WORDS.navAlerts, testId: 'nav-alerts' },
      { to: `${b}/device-health`, word: HEALTH_WORDS.navDeviceHealth, testId: 'nav-device-health' },
      { to: `${b}/outbox`, word: OUTBOX_WORDS.nav, testId: 'nav-outbox' },
      ...reportItems(),
      { to: '/users', word: 'navClerks', testId: 'nav-users' },
      { to: '/devices', word: 'navDevices', testId: 'nav-devices' },
      { to: '/branch-links', word: LINKS_WORDS.nav, testId: 'nav-branch-links' },
      { to: '/audit', word: 'navAudit', testId: 'nav-audit' },
    ];
  }
  // An officer works their unit's inbox (issue 16).
  if (user.role === 'officer') return [{ to: '/inbox', word: requestsWord('navInbox'), testId: 'nav-inbox' }];
  return [];
}

export const roleWord = (role: SessionUser['role']): Word =>
  role === 'admin'
    ? 'roleAdmin'
    : role === 'supervisor'
      ? 'roleSupervisor'
      : role === 'officer'
        ? 'roleOfficer'
        : 'roleClerk';

export function Shell(props: {
  lang: Lang;
  setLang: (l: Lang) => void;
  user: SessionUser;
  path: string;
  onSignOut: () => void;
  onChangePassword: () => void;
  children: ComponentChildren;
}) {
  const { lang, user } = props;
  const items = menuFor(user, props.path);
  // The deepest item the address is in is the current one ("/branches/x/settings" is not "/branches/x").
  // A bridge's page (its bus) belongs to the devices, though its address is under its branch.
  const navPath = /^\/branches\/[^/]+\/bridges\//.test(props.path)
    ? '/devices'
    : props.path.startsWith('/requests/')
      ? user.role === 'officer'
        ? '/inbox'
        : `/branches/${encodeURIComponent(user.branchId ?? '')}/requests`
      : props.path;
  const current = items
    .filter((i) => navPath === i.to || navPath.startsWith(`${i.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t(lang, 'skipToContent')}
      </a>
      <header class="topbar">
        <Link to="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            ن
          </span>
          <span class="brand-name">{t(lang, 'appName')}</span>
        </Link>
        <div class="topbar__user" data-testid="current-user">
          <span class="topbar__name">{user.name}</span>
          <span class="role-badge" data-testid="current-role">
            {t(lang, roleWord(user.role))}
            {user.role === 'officer' && user.unit && (
              <>
                {' — '}
                <bdi data-user-text>{user.unit}</bdi>
              </>
            )}
          </span>
        </div>
        <div class="topbar__actions">
          <Button
            variant="ghost"
            small
            class="on-dark"
            lang={lang === 'fa' ? 'en' : 'fa'}
            onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}
            data-testid="language"
          >
            {t(lang, 'language')}
          </Button>
          <Button variant="ghost" small class="on-dark" onClick={props.onChangePassword} data-testid="open-password">
            {t(lang, 'changePassword')}
          </Button>
          <Button variant="ghost" small class="on-dark" onClick={props.onSignOut} data-testid="sign-out">
            {t(lang, 'signOut')}
          </Button>
        </div>
      </header>
      <div class="shell__body">
        <nav class="sidenav" aria-label={t(lang, 'menu')} data-testid="side-menu">
          <ul>
            {items.map((i) => (
              <li key={i.to}>
                <Link
                  to={i.to}
                  class="sidenav__link"
                  data-testid={i.testId}
                  aria-current={current === i ? 'page' : undefined}
                >
                  {itemText(lang, i.word)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="page" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}

/** A page's title row: the heading (which takes focus on a page change), its intro, its buttons. */
export function PageHead(props: { title: string; intro?: string; actions?: ComponentChildren; testId?: string }) {
  return (
    <div class="page-head">
      <div>
        <h1 data-heading tabIndex={-1} data-testid={props.testId ?? 'page-title'}>
          {props.title}
        </h1>
        {props.intro && <p class="muted">{props.intro}</p>}
      </div>
      {props.actions && <div class="page-head__actions">{props.actions}</div>}
    </div>
  );
}
