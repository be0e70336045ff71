// The desk's bar: which counter (or the app's name), who is signed in where, and the buttons that are
// always there (the day, appointment check-in, shortcuts, language, leaving the counter, password, sign out).
import { type Lang, type LocalizedText, localized, type SessionUser } from '@nobat/protocol';
import type { DeskView } from './desk-commands.ts';
import { t } from './i18n.ts';
import { type DeskCommand, labelOf } from './keys.ts';

export function DeskBar(props: {
  lang: Lang;
  user: SessionUser;
  title: string;
  branchName: LocalizedText | undefined;
  holding: boolean;
  view: DeskView;
  run: (c: DeskCommand) => void;
  setLang: (l: Lang) => void;
  leave: () => void;
  onChangePassword: () => void;
  onSignOut: () => void;
}) {
  const { lang } = props;
  return (
    <header class="bar">
      <h1>
        {props.title}
        <small>
          {props.user.name}
          {props.branchName && ` — ${localized(lang, props.branchName)}`}
        </small>
      </h1>
      <nav>
        {props.holding && (
          <button type="button" data-testid="day" onClick={() => props.run('day')}>
            {props.view === 'day' ? t(lang, 'backToDesk') : t(lang, 'day')} <kbd>{labelOf('day')}</kbd>
          </button>
        )}
        {props.holding && (
          <button type="button" data-testid="requests" onClick={() => props.run('requests')}>
            {props.view === 'requests' ? t(lang, 'backToDesk') : t(lang, 'requests')} <kbd>{labelOf('requests')}</kbd>
          </button>
        )}
        <button type="button" data-testid="check-in" onClick={() => props.run('checkIn')}>
          {t(lang, 'checkIn')} <kbd>{labelOf('checkIn')}</kbd>
        </button>
        <button type="button" onClick={() => props.run('help')} aria-label={t(lang, 'shortcuts')}>
          <kbd>?</kbd>
        </button>
        <button type="button" data-testid="language" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {t(lang, 'language')}
        </button>
        {props.holding && (
          <button type="button" data-testid="leave" onClick={props.leave}>
            {t(lang, 'leaveCounter')}
          </button>
        )}
        <button type="button" data-testid="change-password" onClick={props.onChangePassword}>
          {t(lang, 'changePassword')}
        </button>
        <button type="button" data-testid="sign-out" onClick={props.onSignOut}>
          {t(lang, 'signOut')}
        </button>
      </nav>
    </header>
  );
}
