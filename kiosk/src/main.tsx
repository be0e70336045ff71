// One build for the kiosk (/kiosk/) and the visitor's tracking page (/t/{id}).
import { useLang } from '@nobat/client/preact';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { BookPage } from './appointments/book.tsx';
import { ManagePage } from './appointments/manage.tsx';
import { Kiosk } from './kiosk.tsx';
import { kioskToken } from './link.ts';
import { Track } from './track.tsx';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import './style.css';

function App() {
  // A shared kiosk remembers no choice: each visitor starts in the kiosk's own language.
  const [lang, setLang] = useLang();
  const [initial] = useState(lang);
  const tracked = /^\/t\/([^/]+)/.exec(location.pathname)?.[1];
  if (tracked) return <Track ticketId={decodeURIComponent(tracked)} lang={lang} setLang={setLang} />;
  // [AP1–AP6] The visitor's booking (/b/{branch}) and manage (/a/{token}) pages.
  const booking = /^\/b\/([^/]+)/.exec(location.pathname)?.[1];
  if (booking) return <BookPage branchId={decodeURIComponent(booking)} lang={lang} setLang={setLang} />;
  const managed = /^\/a\/([^/]+)/.exec(location.pathname)?.[1];
  if (managed) return <ManagePage token={decodeURIComponent(managed)} lang={lang} setLang={setLang} />;
  return <Kiosk token={kioskToken()} lang={lang} defaultLang={initial} setLang={setLang} />;
}

// A kiosk is not a web page: no context menu, no pinch or double-tap zoom. The tracking page, on
// the visitor's own phone, keeps the page's viewport: it zooms like any page.
if (!/^\/[tba]\//.test(location.pathname)) {
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
