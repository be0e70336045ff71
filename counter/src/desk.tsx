// The clerk's desk: the counter they hold, its current ticket with the documents check, the queue of
// its sub-services and what it parked, and every action by button or key. State lives in useDesk
// (the branch followed live, and what only the server knows) and useDeskCommands (keys, dialogs);
// the components below only render it.
import { Banner } from '@nobat/client/preact';
import { type Lang, localDigits, localized, type SessionUser } from '@nobat/protocol';
import { CheckInDialog } from './checkin.tsx';
import { CounterPick } from './counter-pick.tsx';
import { CurrentTicket, DeskActions, PausedLine } from './current.tsx';
import { Day } from './day.tsx';
import { DeskBar } from './desk-bar.tsx';
import { useDeskCommands } from './desk-commands.ts';
import { HelpDialog, ParkDialog, PauseDialog, TransferDialog } from './dialogs.tsx';
import { Documents } from './documents.tsx';
import { t } from './i18n.ts';
import { QueuePanel } from './queue-panel.tsx';
import { MakeRequestButton } from './requests/make-request-button.tsx';
import { RequestDialog } from './requests/request-dialog.tsx';
import { RequestsPanel } from './requests/requests-panel.tsx';
import { type Notice, useDesk } from './use-desk.ts';

export interface DeskProps {
  user: SessionUser;
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The server no longer knows this session: sign in again. */
  onExpired: () => void;
  onSignOut: () => void;
  onChangePassword: () => void;
}

export function Desk(props: DeskProps) {
  const { user, lang } = props;
  const s = useDesk(user, props.onExpired);
  const c = useDeskCommands(s);
  const { desk, counter, counters, current } = s;
  const { dialog } = c;
  const close = () => c.setDialog(null);

  const bar = (
    <DeskBar
      lang={lang}
      user={user}
      title={counter ? `${t(lang, 'counter')} ${localDigits(lang, counter.number)}` : t(lang, 'appTitle')}
      branchName={desk?.branchName}
      holding={counter !== null}
      view={c.view}
      run={c.run}
      setLang={props.setLang}
      leave={() => {
        if (confirm(t(lang, 'confirmLeave'))) s.act('close');
      }}
      onChangePassword={props.onChangePassword}
      onSignOut={props.onSignOut}
    />
  );
  const offline = !s.online && (
    <div class="offline-strip">
      <Banner tone="warn" testId="offline">
        {t(lang, 'offline')}
      </Banner>
    </div>
  );
  const notice = <NoticeLine lang={lang} notice={s.notice} />;
  const help = dialog === 'help' && <HelpDialog lang={lang} close={close} />;
  const request = c.requestFor && (
    <RequestDialog
      key={c.requestFor.ticketId}
      lang={lang}
      visit={c.requestFor}
      services={s.services}
      close={() => c.setRequestFor(null)}
      onExpired={props.onExpired}
    />
  );
  const checkIn = dialog === 'checkIn' && (
    <CheckInDialog
      lang={lang}
      branchId={user.branchId ?? ''}
      services={s.services}
      close={close}
      onExpired={props.onExpired}
    />
  );

  if (!s.ready || !desk || !counters) {
    return (
      <div class="page">
        {bar}
        {offline}
        {notice}
      </div>
    );
  }
  if (!counter) {
    return (
      <div class="page">
        {bar}
        {offline}
        <CounterPick
          lang={lang}
          user={user}
          counters={counters}
          mayStaff={desk.mayStaff}
          take={(id) => void s.take(id)}
        >
          {notice}
        </CounterPick>
        {help}
        {checkIn}
      </div>
    );
  }
  if (c.view === 'day') {
    return (
      <div class="page">
        {bar}
        {offline}
        <Day
          user={user}
          lang={lang}
          branchName={desk.branchName}
          services={s.services}
          onError={s.fail}
          makeRequest={(row) =>
            c.setRequestFor({ ticketId: row.ticketId, number: row.receiptNumber, serviceId: row.serviceId })
          }
        />
        {help}
        {checkIn}
        {request}
      </div>
    );
  }
  if (c.view === 'requests') {
    return (
      <div class="page">
        {bar}
        {offline}
        {notice}
        <RequestsPanel lang={lang} services={s.services} onError={s.fail} onExpired={props.onExpired} />
        {help}
        {checkIn}
        {request}
      </div>
    );
  }
  return (
    <div class="page">
      {bar}
      {offline}
      {counter.status === 'paused' && <PausedLine lang={lang} counter={counter} resume={() => s.act('resume')} />}
      <main class="desk">
        <CurrentTicket lang={lang} ticket={current} services={s.services} priorities={desk.priorities}>
          {notice}
          <MakeRequestButton
            lang={lang}
            ticket={c.requestTicket}
            current={c.requestTicket === current}
            open={() => c.run('makeRequest')}
          />
        </CurrentTicket>
        <DeskActions lang={lang} paused={counter.status === 'paused'} run={c.run} />
        {current && (
          <Documents
            key={current.id}
            lang={lang}
            ticket={current}
            service={s.services.get(current.serviceId)}
            fieldset={c.docsRef}
            record={(brought) => s.act('documents', { brought })}
          />
        )}
        <QueuePanel
          lang={lang}
          counter={counter}
          queue={s.queue}
          parked={s.parked}
          services={s.services}
          callInput={c.callInput}
          call={(ticketId) => s.act('call', { ticketId })}
          unpark={(ticketId) => s.act('unpark', { ticketId })}
          callTyped={c.callTyped}
        />
      </main>
      {dialog === 'transfer' && current && (
        <TransferDialog
          lang={lang}
          services={[...s.services.values()].filter((x) => x.active)}
          counters={counters.filter((x) => x.id !== counter.id)}
          close={close}
          submit={(body) => {
            close();
            s.act('transfer', body);
          }}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog
          lang={lang}
          close={close}
          submit={(reason) => {
            close();
            s.act('pause', { reason });
          }}
        />
      )}
      {dialog === 'park' && current && (
        <ParkDialog
          lang={lang}
          number={current.number}
          // [T6] Documents found missing make that the likely reason; the clerk may pick another.
          reason={current.missingDocuments?.length ? 'documents' : 'other'}
          close={close}
          submit={(reason, note) => {
            close();
            s.act('park', { reason, ...(note ? { note } : {}) });
          }}
        />
      )}
      {help}
      {checkIn}
      {request}
    </div>
  );
}

function NoticeLine(props: { lang: Lang; notice: Notice }) {
  const { notice } = props;
  return (
    notice && (
      <Banner tone={notice.kind} testId="message">
        {localized(props.lang, notice.text)}
      </Banner>
    )
  );
}
