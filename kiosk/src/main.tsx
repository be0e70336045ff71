// One build for the kiosk (/kiosk/), the visitor's tracking page (/t/{id}), phone tickets
// (/q/{branch}), the survey (/s/{id}; a counter's tablet: /s/?branch=&counter=&token=) and
// appointments (/b/{branch} to book, /a/{token} to manage), and a request's status (/r/{tracking code}).
import { useLang } from '@nobat/client/preact';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { BookPage } from './appointments/book.tsx';
import { ManagePage } from './appointments/manage.tsx';
import { Kiosk } from './kiosk.tsx';
import { kioskToken } from './link.ts';
import { PhoneTicket } from './phone/phone.tsx';
import { RequestStatusPage } from './requests/request-status.tsx';
import { Survey } from './survey/survey.tsx';
import { SurveyTablet } from './survey/tablet.tsx';
import { Track } from './track.tsx';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import './style.css';

function App() {
  // A shared kiosk remembers no choice: each visitor starts in the kiosk's own language.
  const [lang, setLang] = useLang();
  const [initial] = useState(lang);
  const tracked = /^\/t\/([^/]+)/.exec(location.pathname)?.[1];
  const surveyed = /^\/s\/([^/]+)/.exec(location.pathname)?.[1];
  if (surveyed) return <Survey ticketId={decodeURIComponent(surveyed)} lang={lang} setLang={setLang} />;
  const params = new URLSearchParams(location.search);
  const counter = params.get('counter');
  const branch = params.get('branch');
  if (location.pathname.startsWith('/s/') && counter && branch) {
    return <SurveyTablet branchId={branch} counterId={counter} lang={lang} setLang={setLang} />;
  }
  if (tracked) return <Track ticketId={decodeURIComponent(tracked)} lang={lang} setLang={setLang} />;
  const phoneBranch = /^\/q\/([^/]+)/.exec(location.pathname)?.[1];
  if (phoneBranch) return <PhoneTicket branchId={decodeURIComponent(phoneBranch)} lang={lang} setLang={setLang} />;
  // [AP1–AP6] The visitor's booking (/b/{branch}) and manage (/a/{token}) pages.
  const booking = /^\/b\/([^/]+)/.exec(location.pathname)?.[1];
  if (booking) return <BookPage branchId={decodeURIComponent(booking)} lang={lang} setLang={setLang} />;
  const managed = /^\/a\/([^/]+)/.exec(location.pathname)?.[1];
  if (managed) return <ManagePage token={decodeURIComponent(managed)} lang={lang} setLang={setLang} />;
  // [RQ16] A request's status, by its tracking code (the code may also be typed on the page).
  const requested = /^\/r\/([^/]*)/.exec(location.pathname)?.[1];
  if (requested !== undefined) {
    return <RequestStatusPage code={decodeURIComponent(requested)} lang={lang} setLang={setLang} />;
  }
  return <Kiosk token={kioskToken()} lang={lang} defaultLang={initial} setLang={setLang} />;
}

// A kiosk is not a web page: no context menu, no pinch or double-tap zoom. The tracking page, on
// the visitor's own phone, keeps the page's viewport: it zooms like any page, as do /q/, /s/, /b/, /a/ and /r/.
if (!/^\/[tqsbar]\//.test(location.pathname)) {
  document
    .querySelector('meta[name="viewport"]')
    ?.setAttribute('content', 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no');
  document.addEventListener('contextmenu', (e) => e.preventDefault());
  document.addEventListener('gesturestart', (e) => e.preventDefault());
  document.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false });
  document.documentElement.classList.add('kiosk-mode');
}

const root = document.getElementById('app');
if (root) render(<App />, root);
