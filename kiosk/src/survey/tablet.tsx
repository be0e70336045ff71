// [SU1] The counter-side survey tablet (/s/?branch=<b>&counter=<c>&token=<display device token>): it asks
// every few seconds which ticket its counter finished last, and offers that visitor the survey; after
// the thank-you it waits for the next one.
import { protocolHeaders, reloadForUpgrade } from '@nobat/client';
import { type Lang, localized, SURVEY_TEXT, type TabletSurveyTicket } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { Survey } from './survey.tsx';

const TOKEN_KEY = 'nobat.surveyTabletToken';
const POLL_MS = 4000;
const THANKS_MS = 8000;

/** The tablet's device token: given once in the address, then kept in its own storage. */
export function tabletToken(): string | null {
  const params = new URLSearchParams(location.search);
  const given = params.get('token');
  if (given) {
    localStorage.setItem(TOKEN_KEY, given);
    params.delete('token');
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  }
  return localStorage.getItem(TOKEN_KEY);
}

const idle = {
  fa: 'پس از پایان خدمت در این باجه، نظرسنجی شما اینجا نمایش داده می‌شود.',
  en: 'When your visit at this counter ends, your survey appears here.',
};

export function SurveyTablet(props: { branchId: string; counterId: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { branchId, counterId, lang } = props;
  const [token] = useState(tabletToken);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    let stop = false;
    const ask = async () => {
      try {
        const r = await fetch(
          `/api/v1/branches/${encodeURIComponent(branchId)}/counters/${encodeURIComponent(counterId)}/survey-ticket`,
          { headers: { ...protocolHeaders(), authorization: `Bearer ${token}` }, cache: 'no-store' },
        );
        if (r.status === 426) reloadForUpgrade(); // [UP7] this build is too old for the server
        if (r.ok && !stop) {
          const next = ((await r.json()) as TabletSurveyTicket).ticketId;
          // A survey being filled stays until sent; a new visit replaces an untouched one.
          setTicketId((cur) => (next && next !== done ? next : cur && cur !== done ? cur : null));
        }
      } catch {
        // Offline for a moment: ask again at the next tick.
      }
    };
    void ask();
    const timer = setInterval(ask, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [token, branchId, counterId, done]);

  const finished = () => {
    const id = ticketId;
    setTimeout(() => {
      setDone(id);
      setTicketId(null);
    }, THANKS_MS);
  };

  if (ticketId)
    return <Survey key={ticketId} ticketId={ticketId} lang={lang} setLang={props.setLang} onDone={finished} />;
  return (
    <div class="survey">
      <header class="bar">
        <h1>{localized(lang, SURVEY_TEXT.title)}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {t(lang, 'language')}
        </button>
      </header>
      <p class="big-message" data-testid="tablet-idle">
        {token ? idle[lang] : t(lang, 'notFound')}
      </p>
    </div>
  );
}
