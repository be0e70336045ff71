// The counter's queue: how many wait for each of its sub-services, the next numbers (a click calls
// one), calling a number typed, and the tickets it parked.
import {
  type CounterSummary,
  type Lang,
  localDigits,
  localized,
  type ServiceSummary,
  type StaffTicket,
} from '@nobat/protocol';
import type { RefObject } from 'preact';
import { t } from './i18n.ts';
import { labelOf } from './keys.ts';

export function QueuePanel(props: {
  lang: Lang;
  counter: CounterSummary;
  queue: StaffTicket[];
  parked: StaffTicket[];
  services: Map<string, ServiceSummary>;
  callInput: RefObject<HTMLInputElement>;
  call: (ticketId: string) => void;
  unpark: (ticketId: string) => void;
  callTyped: () => void;
}) {
  const { lang, queue, parked } = props;
  const serviceTitle = (id: string) => {
    const s = props.services.get(id);
    return s ? localized(lang, s.title) : id;
  };
  return (
    <aside class="queue">
      <h2>
        {t(lang, 'queue')} (<span data-testid="queue-count">{localDigits(lang, queue.length)}</span>)
      </h2>
      <ul class="counts">
        {props.counter.services.map((s) => (
          <li key={s.serviceId} data-testid={`count-${s.serviceId}`}>
            <span>{localized(lang, s.title)}</span>
            <b>{localDigits(lang, queue.filter((x) => x.serviceId === s.serviceId).length)}</b>
          </li>
        ))}
      </ul>
      <h3>{t(lang, 'nextNumbers')}</h3>
      <ol data-testid="queue">
        {queue.slice(0, 8).map((x) => (
          <li key={x.id} data-ticket={x.id}>
            <button
              type="button"
              class="ticket"
              title={`${t(lang, 'call')} ${localDigits(lang, x.number)}`}
              onClick={() => props.call(x.id)}
            >
              {localDigits(lang, x.number)}
            </button>
            <small class="queue-hint">
              {serviceTitle(x.serviceId)}
              {x.targetCounterId && ` ← ${t(lang, 'counter')}`}
              {x.note && ` — ${x.note}`}
            </small>
          </li>
        ))}
      </ol>
      <form
        class="call-number"
        onSubmit={(e) => {
          e.preventDefault();
          props.callTyped();
        }}
      >
        <label>
          {t(lang, 'callTicket')} <kbd>{labelOf('callTicket')}</kbd>
          <input
            ref={props.callInput}
            inputMode="numeric"
            autoComplete="off"
            placeholder={t(lang, 'numberToCall')}
            data-testid="call-number"
          />
        </label>
        <button type="submit">{t(lang, 'call')}</button>
      </form>
      {parked.length > 0 && (
        <>
          <h3>{t(lang, 'parked')}</h3>
          <ul class="parked" data-testid="parked">
            {parked.map((x) => (
              <li key={x.id} data-ticket={x.id}>
                <b>{localDigits(lang, x.number)}</b>
                <small class="queue-hint" data-testid={`parked-reason-${x.number}`}>
                  {t(lang, `park_${x.parkReason ?? 'other'}`)}
                  {x.note && ` — ${x.note}`}
                </small>
                <button type="button" data-testid={`call-parked-${x.number}`} onClick={() => props.call(x.id)}>
                  {t(lang, 'call')}
                </button>
                <button type="button" onClick={() => props.unpark(x.id)}>
                  {t(lang, 'unpark')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
