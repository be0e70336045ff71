// The waiting-hall screen and the counter signboard. Which branch, counter, layout and language come
// from the address (?branch=…&counter=…&layout=portrait&lang=en), so one build serves every screen.
import { connectSocket, createRestClient } from '@nobat/client';
import { useBranchLive } from '@nobat/client/preact';
import {
  BranchSummary,
  type CallPayload,
  type CounterSummary,
  callText,
  clockTime,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type DisplaySnapshot,
  type HallMessage,
  jalaliDate,
  type Lang,
  localDigits,
  localized,
} from '@nobat/protocol';
import { type ComponentChildren, render } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import 'vazirmatn/Vazirmatn-font-face.css';
import '@nobat/client/tokens.css';
import { z } from 'zod';
import { ClipPlayer } from './audio.ts';
import { Announcer, CLIP_WORDS } from './speech.ts';
import './style.css';

const params = new URLSearchParams(location.search);
const lang: Lang = params.get('lang') === 'en' ? 'en' : 'fa';
const counterId = params.get('counter') ?? undefined;
const portrait = params.get('layout') === 'portrait';
/** Seconds each page of a panel too long for the screen stays up (`?page=`), 10 by default. */
const pageSetting = Number(params.get('page'));
const PAGE_MS = (pageSetting >= 1 ? pageSetting : 10) * 1000;
/** A screen for one part of the hall shows (and says) only these sub-services' calls and queues. */
const onlyServices = params.get('services')?.split(',').filter(Boolean);
const shown = (serviceId: string) => !onlyServices || onlyServices.includes(serviceId);
if (params.get('theme') === 'light') document.documentElement.classList.add('light');
// The hall screen speaks calls; a signboard is silent unless asked (?sound=on); ?sound=off mutes.
const sound = params.get('sound') ?? (counterId ? 'off' : 'on');
const voiceBase = params.get('voice') ?? `${import.meta.env.BASE_URL}voice/fa`;

/** The announcer of this screen (exposed on window for diagnostics and tests). */
const player = sound === 'on' ? new ClipPlayer(voiceBase) : undefined;
const announcer = new Announcer(player ? (clips) => player.play(clips) : async () => {});
Object.assign(window, { nobat: { announcer, player } });
if (player) void player.preload(['chime', ...Object.keys(CLIP_WORDS).filter((c) => CLIP_WORDS[c])]);

const words = {
  counter: { fa: 'باجه', en: 'Counter' },
  latest: { fa: 'آخرین نوبت', en: 'Now calling' },
  recent: { fa: 'نوبت‌های اخیر', en: 'Recent calls' },
  counters: { fa: 'باجه‌ها', en: 'Counters' },
  waiting: { fa: 'در انتظار', en: 'Waiting' },
  closed: { fa: 'بسته', en: 'Closed' },
  paused: { fa: 'توقف موقت', en: 'Paused' },
  idle: { fa: 'آماده', en: 'Ready' },
  calling: { fa: 'بفرمایید — شمارهٔ', en: 'Please come forward — number' },
  serving: { fa: 'در حال خدمت', en: 'Now serving' },
  recalled: { fa: 'فراخوان دوباره', en: 'called again' },
  page: { fa: 'صفحه', en: 'page' },
  offline: { fa: 'ارتباط با سرور قطع است؛ در حال اتصال دوباره…', en: 'Connection lost; reconnecting…' },
  none: { fa: 'هنوز نوبتی خوانده نشده است', en: 'No calls yet' },
  notice: { fa: 'اطلاعیه', en: 'Notice' },
} as const;
const w = (k: keyof typeof words) => words[k][lang];

function useClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const rest = createRestClient();

/** The branch to show: from the address, else the first one the server lists (asked until it answers). */
function useBranchId(): string | null {
  const given = params.get('branch');
  const [branchId, setBranchId] = useState<string | null>(given);
  useEffect(() => {
    if (given) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      timer = setTimeout(ask, 3000);
    };
    const ask = (): void => {
      rest.get(z.array(BranchSummary), '/api/v1/branches').then((list) => {
        if (list[0]) setBranchId(list[0].id);
        else later();
      }, later);
    };
    ask();
    return () => clearTimeout(timer);
  }, [given]);
  return branchId;
}

/** The branch followed live (the shared fold); a screen for part of the hall shows only its sub-services. */
function useDisplay(): {
  snap: DisplaySnapshot | null;
  online: boolean;
  error: string | null;
  /** The last call heard live (not one from a snapshot), for screen readers. */
  called: CallPayload | null;
  /** [TD5] The supervisor's message to the hall, and the server's clock less this screen's (ms). */
  hall: { message: HallMessage; skew: number } | null;
} {
  const branchId = useBranchId();
  const [called, setCalled] = useState<CallPayload | null>(null);
  const [hall, setHall] = useState<{ message: HallMessage; skew: number } | null>(null);
  const skew = useRef(0);
  const token = params.get('token') ?? undefined;
  const { live, online, refusal, socket } = useBranchLive<
    DisplaySnapshot,
    Socket<DisplayServerEvents, DisplayClientEvents>
  >(
    branchId
      ? () =>
          connectSocket('/display', {
            auth: { branchId, ...(counterId ? { counterId } : {}), ...(token ? { token } : {}) },
          })
      : null,
    branchId ?? '',
    {
      onChange: ({ event }) => {
        if (event.type === 'snapshot') {
          // [TD5] A snapshot (a connect or a reconnect) carries the message in force, if any.
          skew.current = Date.parse(event.payload.serverTime) - Date.now();
          const m = event.payload.hallMessage ?? null;
          setHall(m ? { message: m, skew: skew.current } : null);
          return;
        }
        if (event.type !== 'ticket:called' || !shown(event.payload.serviceId)) return;
        // Live calls are spoken (a snapshot's past calls are not); the fold lets no repeat through.
        announcer.announce(event.payload);
        setCalled(event.payload);
      },
    },
  );
  // [TD5] Set or cleared live: a new message is shown with a chime.
  useEffect(() => {
    if (!socket || counterId) return;
    const onMessage = (m: HallMessage | null) => {
      setHall(m ? { message: m, skew: skew.current } : null);
      if (m && player) void player.play(['chime']);
    };
    socket.on('hall:message', onMessage);
    return () => {
      socket.off('hall:message', onMessage);
    };
  }, [socket]);
  const view = live?.view;
  const snap = useMemo(
    () =>
      view
        ? {
            ...view,
            recentCalls: view.recentCalls.filter((c) => shown(c.serviceId)),
            services: view.services.filter((x) => shown(x.id)),
          }
        : null,
    [view],
  );
  return { snap, online, error: refusal && refusal !== 'invalid-input' ? refusal : null, called, hall };
}

/**
 * Says each live call to a screen reader: a visually hidden live region whose text is replaced on
 * every call (a recall too), «شماره ۱۰۰۱ به باجه ۴».
 */
function CallAnnouncer(props: { call: CallPayload | null }) {
  const { call } = props;
  return (
    <div class="sr-only" aria-live="assertive" aria-atomic="true" data-testid="call-announcer">
      {call && <p key={call.version}>{callText(lang, call.number, call.counterNumber)}</p>}
    </div>
  );
}

/**
 * [TD5] The supervisor's message, across the hall screen until it is cleared or its time is up (by
 * this screen's clock, set right by the server's): no word from the server is needed to hide it.
 */
function HallNotice(props: { hall: { message: HallMessage; skew: number } | null }) {
  const { hall } = props;
  const [over, setOver] = useState<string | null>(null);
  useEffect(() => {
    const until = hall?.message.until;
    if (!until) return;
    const left = Date.parse(until) - (Date.now() + hall.skew);
    const timer = setTimeout(() => setOver(until), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [hall]);
  if (!hall || (hall.message.until !== null && over === hall.message.until)) return null;
  const { text } = hall.message;
  // An English screen shows the English text when there is one; else the Persian, right to left.
  const english = lang === 'en' && text.en ? text.en : null;
  return (
    <div class="hall-message" role="alert" data-testid="hall-message" key={hall.message.setAt}>
      <span class="hall-message-label">{w('notice')}</span>
      <p lang={english ? 'en' : 'fa'} dir={english ? 'ltr' : 'rtl'} data-testid="hall-message-text">
        {english ?? text.fa}
      </p>
    </div>
  );
}

/** The hall's heading with the date and a clock: the one part of the screen that changes every second. */
function Header(props: { title: string }) {
  const now = useClock();
  return (
    <header class="bar">
      <h1>{props.title}</h1>
      <div class="when">
        <span data-testid="date">{jalaliDate(now, lang)}</span>
        <span class="clock" data-testid="clock">
          {clockTime(now, lang)}
        </span>
      </div>
    </header>
  );
}

function Latest(props: { call: CallPayload | undefined }) {
  const { call } = props;
  return (
    <section class="latest" data-testid="latest">
      <h2>{w('latest')}</h2>
      {call ? (
        <p class="call" key={`${call.version}`} data-recall={call.recall}>
          <span class="number" data-testid="latest-number">
            {localDigits(lang, call.number)}
          </span>
          <span class="arrow">{lang === 'fa' ? '←' : '→'}</span>
          <span class="to">
            {w('counter')} <b data-testid="latest-counter">{localDigits(lang, call.counterNumber)}</b>
          </span>
          {call.recall && <span class="again">{w('recalled')}</span>}
        </p>
      ) : (
        <p class="none">{w('none')}</p>
      )}
    </section>
  );
}

function CounterState(props: { c: CounterSummary; measuring?: boolean }) {
  const { c } = props;
  const state = c.status === 'closed' ? w('closed') : c.status === 'paused' ? w('paused') : null;
  return (
    <li class={`counter ${c.status}`} data-testid={props.measuring ? undefined : `counter-${c.id}`}>
      <span class="counter-number">
        {w('counter')} {localDigits(lang, c.number)}
      </span>
      <span class="counter-serving">{state ?? (c.serving ? localDigits(lang, c.serving.number) : w('idle'))}</span>
    </li>
  );
}

/**
 * A panel whose list may be longer than the screen has room for: it shows as many rows as fit and,
 * when they do not all fit, turns its pages every PAGE_MS with «۱/۲» in its heading. Every row is
 * first laid out in an invisible copy of the list (same width and style) to find where pages break,
 * so rows of any height (a long name on two lines, a grid of tiles) are never cut.
 */
function PagedPanel(props: {
  name: string;
  title: string;
  count: number;
  row: (i: number, measuring: boolean) => ComponentChildren;
}) {
  const { name, count } = props;
  const box = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLUListElement>(null);
  const [starts, setStarts] = useState<number[]>([0]);
  const [page, setPage] = useState(0);

  // Where each page starts: a row goes on the current page while its bottom fits in the box.
  const layout = () => {
    const room = box.current?.clientHeight ?? 0;
    const rows = [...(measure.current?.children ?? [])] as HTMLElement[];
    const next = [0];
    let top = rows[0]?.offsetTop ?? 0;
    rows.forEach((r, i) => {
      if (i > (next.at(-1) ?? 0) && r.offsetTop + r.offsetHeight - top > room) {
        next.push(i);
        top = r.offsetTop;
      }
    });
    setStarts((prev) => (prev.join() === next.join() ? prev : next));
  };
  useLayoutEffect(layout);
  // Layout effects run at once after a render, not at the next frame, so the page timer starts
  // with the pages it turns (and a test's clock drives it exactly).
  useLayoutEffect(() => {
    const observer = new ResizeObserver(() => layout());
    if (box.current) observer.observe(box.current);
    if (measure.current) observer.observe(measure.current);
    return () => observer.disconnect();
  }, []);

  const pages = starts.length;
  useLayoutEffect(() => {
    if (pages < 2) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_MS);
    return () => clearInterval(timer);
  }, [pages]);
  const current = Math.min(page, pages - 1);
  const from = starts[current] ?? 0;
  const to = starts[current + 1] ?? count;
  const indexes = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);
  return (
    <section class={`panel ${name}`} data-testid={`panel-${name}`}>
      <h2>
        {props.title}
        {pages > 1 && (
          <span class="page" data-testid={`page-${name}`} title={w('page')}>
            {localDigits(lang, `${current + 1}/${pages}`)}
          </span>
        )}
      </h2>
      <div class="page-box" ref={box}>
        <ul class="rows" data-testid={`list-${name}`}>
          {indexes(from, to).map((i) => props.row(i, false))}
        </ul>
        <ul class="rows measure" aria-hidden="true" ref={measure}>
          {indexes(0, count).map((i) => props.row(i, true))}
        </ul>
      </div>
    </section>
  );
}

/** The calls before the latest, newest first, as a grid of tiles: a recalled number is marked. */
function Recent(props: { calls: CallPayload[] }) {
  return (
    <section class="recent">
      <h2>{w('recent')}</h2>
      <ol data-testid="recent">
        {props.calls.map((c) => (
          <li key={c.ticketId} data-recall={c.recall} data-ticket={c.ticketId}>
            <span class="number">{localDigits(lang, c.number)}</span>
            <span class="to">
              {w('counter')} {localDigits(lang, c.counterNumber)}
            </span>
            {c.recall && <span class="again">{w('recalled')}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Hall(props: { snap: DisplaySnapshot }) {
  const { snap } = props;
  const [latest, ...recent] = snap.recentCalls;
  const open = snap.counters.filter((c) => c.status !== 'closed' && c.services.some((x) => shown(x.serviceId)));
  return (
    <div class={`hall ${portrait ? 'portrait' : ''}`}>
      <Header title={localized(lang, snap.branchName)} />
      <main>
        <Latest call={latest} />
        <Recent calls={recent.slice(0, portrait ? 6 : 8)} />
        <PagedPanel
          name="counters"
          title={w('counters')}
          count={open.length}
          row={(i, measuring) => {
            const c = open[i];
            return c && <CounterState key={c.id} c={c} measuring={measuring} />;
          }}
        />
        <PagedPanel
          name="waiting"
          title={w('waiting')}
          count={snap.services.length}
          row={(i, measuring) => {
            const s = snap.services[i];
            return (
              s && (
                <li key={s.id} data-testid={measuring ? undefined : `waiting-${s.id}`}>
                  <span>{localized(lang, s.title)}</span>
                  <b>{localDigits(lang, s.waiting)}</b>
                </li>
              )
            );
          }}
        />
      </main>
    </div>
  );
}

/**
 * The screen over one counter: its number, what it serves, and what the visitor in front of it
 * needs to know: «آماده» when open and free (as the hall says), «بفرمایید — شمارهٔ …» while a number
 * is called to it, «در حال خدمت» with the number once its service has started.
 */
function Signboard(props: { counter: CounterSummary }) {
  const { counter } = props;
  const ticket = counter.serving;
  const state =
    counter.status !== 'open' ? counter.status : !ticket ? 'idle' : ticket.status === 'serving' ? 'serving' : 'called';
  return (
    <div class={`signboard ${counter.status} ${state}`} data-testid="signboard" data-state={state}>
      <header>
        <span class="label">{w('counter')}</span>
        <span class="big" data-testid="signboard-counter">
          {localDigits(lang, counter.number)}
        </span>
      </header>
      <main>
        {state === 'called' || state === 'serving' ? (
          <>
            <p class="label" data-testid="signboard-label">
              {w(state === 'called' ? 'calling' : 'serving')}
            </p>
            <p class="big serving" data-testid="signboard-serving">
              {ticket && localDigits(lang, ticket.number)}
            </p>
          </>
        ) : (
          <p class="state" data-testid="signboard-state">
            {w(state)}
            {counter.status === 'paused' && counter.pauseReason ? ` — ${counter.pauseReason}` : ''}
          </p>
        )}
      </main>
      <footer>
        <ul>
          {counter.services.map((s) => (
            <li key={s.serviceId}>{localized(lang, s.title)}</li>
          ))}
        </ul>
      </footer>
    </div>
  );
}

function App() {
  const { snap, online, error, called, hall } = useDisplay();
  useEffect(() => {
    const root = document.documentElement;
    root.lang = lang;
    root.dir = lang === 'fa' ? 'rtl' : 'ltr';
    // The hall screen is sized to its screen (see style.css); a signboard keeps its own sizes.
    if (!counterId) root.classList.add('hall-screen', ...(portrait ? ['portrait'] : []));
  }, []);
  const counter = counterId ? snap?.counters.find((c) => c.id === counterId) : undefined;
  return (
    <>
      {snap && (counter ? <Signboard counter={counter} /> : <Hall snap={snap} />)}
      {!counterId && <HallNotice hall={hall} />}
      <CallAnnouncer call={called} />
      {(!online || error) && (
        <div class="offline" role="alert" data-testid="offline">
          {error && error !== 'offline' ? `${w('offline')} (${error})` : w('offline')}
        </div>
      )}
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
