// The ticket at the counter now (number, status, sub-service, times), the pause line, and the row of
// actions with their keys.
import {
  type CounterSummary,
  type Lang,
  localDigits,
  localized,
  type PriorityClass,
  type ServiceSummary,
  type StaffTicket,
} from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { duration, t, type Word } from './i18n.ts';
import { type DeskCommand, labelOf } from './keys.ts';

export function CurrentTicket(props: {
  lang: Lang;
  ticket: StaffTicket | null;
  services: Map<string, ServiceSummary>;
  priorities: PriorityClass[];
  children?: ComponentChildren;
}) {
  const { lang, ticket: current } = props;
  const service = current && props.services.get(current.serviceId);
  const priority = current && props.priorities.find((x) => x.id === current.priority);
  return (
    <section class="current" data-testid="current">
      {current ? (
        <>
          <p class="number" data-testid="current-number">
            {localDigits(lang, current.number)}
          </p>
          <p class="status" data-testid="current-status" data-status={current.status}>
            {t(lang, `status_${current.status}` as Word)}
          </p>
          <dl class="facts">
            <dt>{t(lang, 'subService')}</dt>
            <dd data-testid="current-service">{service ? localized(lang, service.title) : current.serviceId}</dd>
            <dt>{t(lang, 'priority')}</dt>
            <dd>{priority ? localized(lang, priority.title) : current.priority}</dd>
            <dt>{t(lang, 'waited')}</dt>
            <dd>
              {current.calledAt ? (
                duration(lang, Date.parse(current.calledAt) - Date.parse(current.issuedAt))
              ) : (
                <Elapsed lang={lang} from={current.issuedAt} />
              )}
            </dd>
            {current.startedAt ? (
              <>
                <dt>{t(lang, 'serving')}</dt>
                <dd data-testid="serving-time">
                  <Elapsed lang={lang} from={current.startedAt} />
                </dd>
              </>
            ) : (
              current.calledAt && (
                <>
                  <dt>{t(lang, 'sinceCalled')}</dt>
                  <dd>
                    <Elapsed lang={lang} from={current.calledAt} />
                  </dd>
                </>
              )
            )}
            {current.recalls > 0 && (
              <>
                <dt>{t(lang, 'recalls')}</dt>
                <dd>{localDigits(lang, current.recalls)}</dd>
              </>
            )}
            {current.transfers > 0 && (
              <>
                <dt>{t(lang, 'transfers')}</dt>
                <dd>{localDigits(lang, current.transfers)}</dd>
              </>
            )}
          </dl>
          {current.note && (
            <p class="note" data-testid="current-note">
              {t(lang, 'note')}: {current.note}
            </p>
          )}
        </>
      ) : (
        <p class="idle">{t(lang, 'noTicket')}</p>
      )}
      {props.children}
    </section>
  );
}

/** The time since `from`, counting up each second: only this text is drawn again, not the desk. */
function Elapsed(props: { lang: Lang; from: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>{duration(props.lang, now - Date.parse(props.from))}</>;
}

export function PausedLine(props: { lang: Lang; counter: CounterSummary; resume: () => void }) {
  const { lang, counter } = props;
  return (
    <p class="paused" data-testid="paused">
      {t(lang, 'paused')}
      {counter.pauseReason && `: ${counter.pauseReason}`}
      <button type="button" class="primary" data-testid="resume" onClick={props.resume}>
        {t(lang, 'resume')} <kbd>{labelOf('pause')}</kbd>
      </button>
    </p>
  );
}

const ACTIONS: { command: DeskCommand; word: Word; testId: string }[] = [
  { command: 'next', word: 'next', testId: 'call-next' },
  { command: 'recall', word: 'recall', testId: 'recall' },
  { command: 'start', word: 'start', testId: 'start' },
  { command: 'finish', word: 'finish', testId: 'finish' },
  { command: 'noShow', word: 'noShow', testId: 'no-show' },
  { command: 'transfer', word: 'transfer', testId: 'transfer' },
  { command: 'park', word: 'park', testId: 'park' },
  { command: 'pause', word: 'pause', testId: 'pause' },
];

export function DeskActions(props: { lang: Lang; paused: boolean; run: (c: DeskCommand) => void }) {
  const { lang } = props;
  return (
    <section class="actions">
      {ACTIONS.filter((a) => !(a.command === 'pause' && props.paused)).map((a) => (
        <button
          type="button"
          key={a.testId}
          class={a.command === 'next' ? 'primary huge' : ''}
          data-testid={a.testId}
          onClick={() => props.run(a.command)}
        >
          {t(lang, a.word)} <kbd>{labelOf(a.command)}</kbd>
        </button>
      ))}
    </section>
  );
}
