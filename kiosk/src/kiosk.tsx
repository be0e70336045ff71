// The touch kiosk: group → sub-service → "take a ticket" (three touches), with the information
// package one touch away, optional priority class, mobile and national ID, and the printed ticket.
// State lives in useKiosk; the screens below only render it.
import { type Lang, localized } from '@nobat/protocol';
import type { JSX } from 'preact';
import { CheckInScreen } from './appointments/check-in.tsx';
import { w } from './appointments/words.ts';
import { GroupTiles, ServiceList } from './choose.tsx';
import { Confirm } from './confirm.tsx';
import { useFocusOnScreenChange } from './focus.ts';
import { t } from './i18n.ts';
import { Info } from './info.tsx';
import { OutOfService } from './out-of-service.tsx';
import { PrinterNotice } from './printer-notice.tsx';
import { Result } from './result.tsx';
import { type KioskState, type Screen, useKiosk } from './use-kiosk.ts';

export function Kiosk(props: { token: string | null; lang: Lang; defaultLang: Lang; setLang: (l: Lang) => void }) {
  const { lang, setLang } = props;
  const k = useKiosk(props);
  const mainRef = useFocusOnScreenChange<HTMLElement>(screenKey(k.screen));
  const { snap, screen, link } = k;

  if (link === 'unauthorized') return <OutOfService lang={lang} configured={false} />;
  if (!snap) return <OutOfService lang={lang} configured={true} />;
  return (
    <div class="kiosk">
      <header class="bar">
        <h1>{localized(lang, snap.branchName)}</h1>
        <button type="button" class="lang" onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')} data-testid="lang">
          {t(lang, 'language')}
        </button>
      </header>
      {screen.name !== 'result' && <PrinterNotice lang={lang} status={k.printer} />}
      <main ref={mainRef}>
        <KioskScreen lang={lang} k={k} />
      </main>
      {link !== 'online' && screen.name !== 'sending' && screen.name !== 'result' && (
        <div class="overlay" data-testid="out-of-service">
          <p class="big-message">{t(lang, 'outOfService')}</p>
          <p>{t(lang, 'outOfServiceHint')}</p>
        </div>
      )}
    </div>
  );
}

function KioskScreen(props: { lang: Lang; k: KioskState }): JSX.Element {
  const { lang, k } = props;
  const { screen, setScreen, services } = k;
  const pick = (s: (typeof services)[number]) => setScreen(k.confirmFor(s));
  switch (screen.name) {
    case 'groups': {
      const only = k.groups.length === 1 ? k.groups[0] : undefined;
      return (
        <>
          {only ? (
            <ServiceList lang={lang} services={services.filter((s) => s.groupId === only.id)} pick={pick} />
          ) : (
            <GroupTiles
              lang={lang}
              groups={k.groups}
              services={services}
              pick={(groupId) => setScreen({ name: 'services', groupId })}
            />
          )}
          <nav class="actions">
            <button
              type="button"
              class="secondary appt-button"
              data-testid="have-appointment"
              onClick={() => setScreen({ name: 'appointment' })}
            >
              {w(lang, 'haveAppointment')}
            </button>
          </nav>
        </>
      );
    }
    case 'appointment':
      return <CheckInScreen lang={lang} submit={(v) => void k.checkInAppointment(v)} back={k.goHome} />;
    case 'services':
      return (
        <section>
          <h2 class="prompt">{t(lang, 'chooseService')}</h2>
          <ServiceList lang={lang} services={services.filter((s) => s.groupId === screen.groupId)} pick={pick} />
          <nav class="actions">
            <button type="button" class="secondary" onClick={k.goHome}>
              {t(lang, 'back')}
            </button>
          </nav>
        </section>
      );
    case 'info': {
      const s = k.service(screen.serviceId);
      return s ? <Info lang={lang} service={s} back={() => setScreen(screen.from)} /> : <span />;
    }
    case 'confirm': {
      const s = k.service(screen.serviceId);
      if (!s) return <span />;
      return (
        <Confirm
          lang={lang}
          screen={screen}
          service={s}
          priorities={k.snap?.priorities ?? []}
          online={k.link === 'online'}
          change={setScreen}
          info={() => setScreen({ name: 'info', serviceId: s.id, from: screen })}
          take={() => void k.take(screen)}
          back={() => setScreen({ name: 'services', groupId: s.groupId })}
        />
      );
    }
    case 'sending':
      return (
        <section class="center">
          <p class="big-message" data-heading>
            {t(lang, 'sending')}
          </p>
        </section>
      );
    case 'refused':
      return (
        <section class="center">
          <p class="big-message" role="alert" data-heading data-testid="refused">
            {screen.message}
          </p>
          <button type="button" class="primary" onClick={k.goHome}>
            {t(lang, 'home')}
          </button>
        </section>
      );
    case 'result': {
      const s = k.service(screen.ticket.serviceId);
      return (
        <Result
          lang={lang}
          ticket={screen.ticket}
          serviceTitle={s ? localized(lang, s.title) : ''}
          print={screen.print}
          done={k.nextVisitor}
        />
      );
    }
  }
}

/** What tells one screen from another for focus: not a priority picked or a pad opened on it. */
function screenKey(s: Screen): string {
  switch (s.name) {
    case 'services':
      return `services:${s.groupId}`;
    case 'info':
      return `info:${s.serviceId}`;
    case 'confirm':
      return `confirm:${s.requestId}`;
    case 'result':
      return `result:${s.ticket.id}`;
    default:
      return s.name;
  }
}
