// Choosing the counter to sit at: the ones this clerk may staff, free or taken by a colleague.
import { type CounterSummary, type Lang, localDigits, localized, type SessionUser } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { t } from './i18n.ts';

export function CounterPick(props: {
  lang: Lang;
  user: SessionUser;
  counters: CounterSummary[];
  mayStaff: string[];
  take: (counterId: string) => void;
  children?: ComponentChildren;
}) {
  const { lang } = props;
  return (
    <main class="pick">
      <h2>
        {t(lang, 'welcome')} {props.user.name}
      </h2>
      <p>{t(lang, 'pickCounter')}</p>
      <div class="counters">
        {props.counters
          .filter((c) => props.mayStaff.includes(c.id))
          .map((c) => (
            <button
              type="button"
              key={c.id}
              class="counter"
              disabled={c.status !== 'closed'}
              data-testid={`take-${c.id}`}
              onClick={() => props.take(c.id)}
            >
              <b>
                {t(lang, 'counter')} {localDigits(lang, c.number)}
              </b>
              <span>{c.services.map((s) => localized(lang, s.title)).join(lang === 'fa' ? '، ' : ', ')}</span>
              <em>{c.status === 'closed' ? t(lang, 'free') : t(lang, 'takenByColleague')}</em>
            </button>
          ))}
      </div>
      {props.children}
    </main>
  );
}
