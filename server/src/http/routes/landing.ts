// The server's front door: a small page in Persian (right to left) and English linking the kiosk,
// the hall display, the clerk's desk, the console and the API documentation. Its style sheet and
// font come from this server (the Content-Security-Policy allows nothing inline and nothing else).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { App } from '../context.ts';

const require = createRequire(import.meta.url);

interface Door {
  href: string;
  fa: [title: string, text: string];
  en: [title: string, text: string];
  icon: string;
}

// Icons are inline SVG markup: nothing fetched, nothing executed.
const svg = (body: string) =>
  `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

const DOORS: Door[] = [
  {
    href: '/kiosk/',
    fa: ['دستگاه نوبت‌دهی', 'مراجعه‌کننده خدمت را برمی‌گزیند و نوبت می‌گیرد.'],
    en: ['Kiosk', 'Visitors choose a service and take a ticket.'],
    icon: svg('<rect x="5" y="2.5" width="14" height="19" rx="2"/><path d="M8 7h8M8 11h8M9 17h6"/>'),
  },
  {
    href: '/display/',
    fa: ['نمایشگر سالن', 'شمارهٔ فراخوانده‌شده و باجهٔ آن را نشان می‌دهد و اعلام می‌کند.'],
    en: ['Hall display', 'Shows and announces each number called and its counter.'],
    icon: svg('<rect x="2.5" y="4" width="19" height="12.5" rx="1.5"/><path d="M8 20.5h8M12 16.5v4"/>'),
  },
  {
    href: '/counter/',
    fa: ['میز کارمند', 'کارمند باجه نوبت بعدی را فرامی‌خواند و خدمت را ثبت می‌کند.'],
    en: ["Clerk's desk", 'The clerk calls the next ticket and records the service.'],
    icon: svg('<circle cx="12" cy="7.5" r="3.5"/><path d="M4.5 21c.8-4 3.8-6.5 7.5-6.5s6.7 2.5 7.5 6.5"/>'),
  },
  {
    href: '/console/',
    fa: ['کنسول مدیریت', 'سازمان، شعبه‌ها، خدمت‌ها، باجه‌ها، کاربران و دستگاه‌ها.'],
    en: ['Admin console', 'Organisation, branches, services, counters, users and devices.'],
    icon: svg(
      '<circle cx="12" cy="12" r="3"/><path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"/>',
    ),
  },
  {
    href: '/api/docs',
    fa: ['مستندات API', 'همهٔ درگاه‌های سامانه، برای پیوند با سامانه‌های دیگر.'],
    en: ['API documentation', 'Every endpoint, for connecting other systems.'],
    icon: svg('<path d="M8.5 7 3.5 12l5 5M15.5 7l5 5-5 5M13.5 4.5l-3 15"/>'),
  },
];

const card = (d: Door) => `
      <a class="door" href="${d.href}">
        <span class="icon">${d.icon}</span>
        <span class="words">
          <strong>${d.fa[0]}</strong>
          <span>${d.fa[1]}</span>
          <span class="en" lang="en" dir="ltr"><b>${d.en[0]}</b> — ${d.en[1]}</span>
        </span>
      </a>`;

export const LANDING_HTML = `<!doctype html>
<html lang="fa" dir="rtl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>نوبت — سامانهٔ نوبت‌دهی · Nobat</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/landing.css" />
  </head>
  <body>
    <main>
      <header>
        <span class="mark" aria-hidden="true">ن</span>
        <div>
          <h1>نوبت</h1>
          <p>سامانهٔ نوبت‌دهی و میز خدمت دستگاه‌های اجرایی</p>
          <p class="en" lang="en" dir="ltr">Nobat — queue ticketing and service desks for public offices</p>
        </div>
      </header>
      <nav aria-label="بخش‌های سامانه">${DOORS.map(card).join('')}
      </nav>
      <footer>
        <a href="/api/openapi.json">OpenAPI</a>
        <span aria-hidden="true">·</span>
        <a href="/healthz">وضعیت سامانه <span lang="en">(health)</span></a>
      </footer>
    </main>
  </body>
</html>
`;

export const LANDING_CSS = `@font-face {
  font-family: Vazirmatn;
  src: url('/landing/vazirmatn.woff2') format('woff2');
  font-weight: 100 900;
  font-display: swap;
}
:root {
  --ink: #15233b;
  --muted: #56627a;
  --brand: #0f6e6e;
  --brand-soft: #e3f1f0;
  --page: #f4f6f9;
  --card: #ffffff;
  --line: #dde3ec;
}
* { box-sizing: border-box; }
html { font-family: Vazirmatn, system-ui, sans-serif; color: var(--ink); background: var(--page); }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; }
main { width: min(1040px, 100% - 3rem); padding: 2.5rem 0; }
header { display: flex; align-items: center; gap: 1.25rem; margin-bottom: 2.25rem; }
.mark {
  display: grid; place-items: center; flex: none; width: 4.5rem; height: 4.5rem; border-radius: 1.25rem;
  background: var(--brand); color: #fff; font-size: 2.5rem; font-weight: 800;
}
h1 { margin: 0; font-size: 2.4rem; font-weight: 800; line-height: 1.2; }
header p { margin: 0.15rem 0 0; color: var(--muted); font-size: 1.1rem; }
.en { font-size: 0.85rem; color: var(--muted); }
header .en { font-size: 0.95rem; }
nav { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 1rem; }
.door {
  display: flex; gap: 1rem; align-items: flex-start; padding: 1.25rem; border-radius: 1rem;
  background: var(--card); border: 1px solid var(--line); color: inherit; text-decoration: none;
  transition: border-color 0.15s, box-shadow 0.15s, transform 0.15s;
}
.door:hover, .door:focus-visible { border-color: var(--brand); box-shadow: 0 6px 20px rgb(21 35 59 / 0.08); transform: translateY(-2px); }
.door:focus-visible { outline: 3px solid var(--brand); outline-offset: 2px; }
.icon {
  display: grid; place-items: center; flex: none; width: 3rem; height: 3rem; border-radius: 0.8rem;
  background: var(--brand-soft); color: var(--brand);
}
.icon svg { width: 1.6rem; height: 1.6rem; }
.words { display: flex; flex-direction: column; gap: 0.3rem; min-width: 0; }
.words strong { font-size: 1.2rem; }
.words > span:not(.en) { color: var(--muted); line-height: 1.7; }
.words .en { margin-top: 0.2rem; text-align: left; line-height: 1.5; }
footer { display: flex; gap: 0.6rem; justify-content: center; margin-top: 2.25rem; color: var(--muted); }
footer a { color: var(--brand); }
`;

let font: Buffer | undefined;

export function landingRoutes(app: App): void {
  app.get('/', (c) => c.html(LANDING_HTML));
  // Browsers ask for it on pages that name no icon (the API docs): nothing, rather than a JSON 404.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/landing.css', (c) =>
    c.body(LANDING_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/landing/vazirmatn.woff2', (c) => {
    font ??= readFileSync(
      join(dirname(require.resolve('vazirmatn/package.json')), 'fonts/webfonts/Vazirmatn[wght].woff2'),
    );
    return c.body(new Uint8Array(font), 200, {
      'content-type': 'font/woff2',
      'cache-control': 'public, max-age=86400',
    });
  });
}
