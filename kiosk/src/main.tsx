// One build for the kiosk (/kiosk/) and the visitor's tracking page (/t/{id}).
import type { Lang } from '@nobat/protocol';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Kiosk } from './kiosk.tsx';
import { kioskToken } from './link.ts';
import { Track } from './track.tsx';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import './style.css';

function App() {
  const initial = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fa';
  const [lang, setLang] = useState<Lang>(initial);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  }, [lang]);
  const tracked = /^\/t\/([^/]+)/.exec(location.pathname)?.[1];
  if (tracked) return <Track ticketId={decodeURIComponent(tracked)} lang={lang} setLang={setLang} />;
  return <Kiosk token={kioskToken()} lang={lang} defaultLang={initial} setLang={setLang} />;
}

// A kiosk is not a web page: no context menu, no pinch or double-tap zoom. The tracking page, on
// the visitor's own phone, keeps the page's viewport: it zooms like any page.
if (!location.pathname.startsWith('/t/')) {
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
