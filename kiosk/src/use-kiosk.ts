// The kiosk's state, held in one hook: the branch followed live on /kiosk (the shared fold: the
// sub-services with their waiting counts and estimates), its printer, the screen the visitor is on,
// going back to the start when left untouched, and taking a ticket then printing it.
import { useBranchLive } from '@nobat/client/preact';
import {
  type DeviceStatus,
  type IssuedTicket,
  type KioskClientEvents,
  type KioskServerEvents,
  type KioskSnapshot,
  type Lang,
  newRequestId,
  type PrintResult,
  type ServiceSummary,
} from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { checkIn, errorText } from './appointments/api.ts';
import { t } from './i18n.ts';
import { connectKiosk, issueTicket } from './link.ts';
import type { PadKind } from './numpad.tsx';

export type PrintState = 'printing' | 'printed' | 'failed' | 'paper-out';

export type Screen =
  | { name: 'groups' }
  | { name: 'services'; groupId: string }
  | { name: 'info'; serviceId: string; from: Screen }
  | {
      name: 'confirm';
      serviceId: string;
      /** One id per visit of this screen: a double tap or a retry issues one ticket. */
      requestId: string;
      priority: string;
      mobile: string;
      nationalId: string;
      pad?: PadKind | undefined;
    }
  | { name: 'sending'; serviceId: string }
  /** [AP7] «نوبت اینترنتی دارم»: the booking code or national ID. */
  | { name: 'appointment' }
  | { name: 'refused'; message: string }
  | { name: 'result'; ticket: IssuedTicket; print: PrintState };
export type ConfirmScreen = Extract<Screen, { name: 'confirm' }>;

export type Link = 'online' | 'offline' | 'unauthorized';

/** Seconds untouched before the kiosk returns to its start screen: `?idle=` in its address, else 45. */
const idleSetting = Number(new URLSearchParams(location.search).get('idle'));
const IDLE_MS = (idleSetting >= 3 ? idleSetting : 45) * 1000;
const RESULT_IDLE_MS = Math.min(IDLE_MS, 30_000);
/** What no event announces (the branch closing by its hours, a configuration change) is read this often. */
const REFRESH_MS = 60_000;

export function useKiosk(props: { token: string | null; lang: Lang; defaultLang: Lang; setLang: (l: Lang) => void }) {
  const { token, lang, defaultLang, setLang } = props;
  const [printer, setPrinter] = useState<DeviceStatus['status'] | null | undefined>(undefined);
  const [screen, setScreen] = useState<Screen>({ name: 'groups' });

  const { live, online, refusal, socket, refresh } = useBranchLive<
    KioskSnapshot,
    Socket<KioskServerEvents, KioskClientEvents>
  >(token ? () => connectKiosk(token) : null, token ?? '', {
    onChange: ({ event }) => {
      if (event.type === 'snapshot') setPrinter(event.payload.printer);
    },
  });
  useEffect(() => {
    if (!socket) return;
    const onPrinter = (p: { status: DeviceStatus['status'] }) => setPrinter(p.status);
    socket.on('printer:status', onPrinter);
    return () => {
      socket.off('printer:status', onPrinter);
    };
  }, [socket]);
  const snap = live?.view ?? null;
  const following = snap !== null;
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [following, refresh]);
  const link: Link = !token || refusal === 'unauthenticated' ? 'unauthorized' : online ? 'online' : 'offline';

  // When a visitor is done or walks away, the next one finds the kiosk at its start, in its own language.
  const goHome = useCallback(() => setScreen({ name: 'groups' }), []);
  const nextVisitor = useCallback(() => {
    setScreen({ name: 'groups' });
    setLang(defaultLang);
  }, [setLang, defaultLang]);
  useEffect(() => {
    if (screen.name === 'groups' || screen.name === 'sending') return;
    const wait = screen.name === 'result' ? RESULT_IDLE_MS : IDLE_MS;
    let timer = setTimeout(nextVisitor, wait);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(nextVisitor, wait);
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [screen, nextVisitor]);

  const services = snap?.services ?? [];
  const groups = useMemo(
    () => (snap?.groups ?? []).filter((g) => snap?.services.some((s) => s.groupId === g.id)),
    [snap],
  );
  const service = (id: string) => services.find((s) => s.id === id);
  /** The class a ticket gets when the visitor picks none: sent as no priority at all. */
  const normalPriority = snap?.priorities.find((p) => p.kind === 'normal')?.id ?? '';
  const confirmFor = (s: ServiceSummary): Screen => ({
    name: 'confirm',
    serviceId: s.id,
    requestId: newRequestId(),
    priority: normalPriority,
    mobile: '',
    nationalId: '',
  });

  // Two touches can reach the button before the screen changes: only the first one acts.
  const taking = useRef<string | null>(null);
  const take = async (s: ConfirmScreen) => {
    if (!token || !snap || taking.current === s.requestId) return;
    taking.current = s.requestId;
    setScreen({ name: 'sending', serviceId: s.serviceId });
    const outcome = await issueTicket(
      token,
      snap.branchId,
      {
        serviceId: s.serviceId,
        requestId: s.requestId,
        ...(s.priority !== normalPriority ? { priority: s.priority } : {}),
        ...(s.mobile ? { mobile: s.mobile } : {}),
        ...(s.nationalId ? { nationalId: s.nationalId } : {}),
      },
      lang,
    );
    if (!outcome.ok) {
      setScreen({ name: 'refused', message: outcome.message || t(lang, 'outOfService') });
      return;
    }
    await showTicket(outcome.ticket);
  };

  /** [AP7] A booking checked in by its code (7 digits) or national ID (10): its ticket, printed. */
  const checkInAppointment = async (digits: string) => {
    if (!token || !snap) return;
    setScreen({ name: 'sending', serviceId: '' });
    try {
      const r = await checkIn(token, snap.branchId, digits.length === 7 ? { code: digits } : { nationalId: digits });
      await showTicket(r.ticket);
    } catch (err) {
      setScreen({ name: 'refused', message: errorText(err, lang) });
    }
  };

  const showTicket = async (ticket: IssuedTicket) => {
    setScreen({ name: 'result', ticket, print: 'printing' });
    const answer = await new Promise<PrintResult | null>((resolve) => {
      if (!socket?.connected) return resolve(null);
      socket.timeout(12_000).emit('ticket:print', { ticketId: ticket.id }, (err, ack) => {
        resolve(err || !ack || 'error' in ack ? null : ack.data);
      });
    });
    const print: PrintState = answer?.ok ? 'printed' : answer?.status === 'paper-out' ? 'paper-out' : 'failed';
    setScreen((cur) => (cur.name === 'result' && cur.ticket.id === ticket.id ? { ...cur, print } : cur));
  };

  return {
    snap,
    printer,
    link,
    screen,
    setScreen,
    goHome,
    nextVisitor,
    groups,
    services,
    service,
    confirmFor,
    take,
    checkInAppointment,
  };
}

export type KioskState = ReturnType<typeof useKiosk>;
