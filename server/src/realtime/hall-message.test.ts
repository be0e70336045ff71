// [TD5] The hall message over /display: pushed as hall:message when set or cleared, part of the
// snapshot a screen gets on (re)connecting; a counter's signboard is not told.
import type { DisplaySnapshot, HallMessage } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { apiOk } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const rt = useRealtimeServer('hall-message', ['supervisor']);
const path = `/api/v1/branches/${DEMO_BRANCH}/today/hall-message`;

describe('the hall message on /display', () => {
  it('[TD5] set: pushed to hall screens; a screen connecting later has it in its snapshot; cleared: pushed as null', async () => {
    const { client: hall, snapshot: first } = await rt.connect<DisplaySnapshot>('/display', {
      auth: { branchId: DEMO_BRANCH },
    });
    expect(first.hallMessage).toBeNull();
    const { client: board } = await rt.connect<DisplaySnapshot>('/display', {
      auth: { branchId: DEMO_BRANCH, counterId: 'counter-1' },
    });

    await apiOk(rt.url, 'PUT', path, {
      token: rt.token('supervisor'),
      body: { fa: 'تا ساعت ۱۱ سامانه قطع است', en: 'The system is down until 11:00', minutes: 20 },
    });
    const pushed = await hall.waitFor<HallMessage>('hall:message', (m) => m !== null);
    expect(pushed.text).toEqual({ fa: 'تا ساعت ۱۱ سامانه قطع است', en: 'The system is down until 11:00' });
    expect(Date.parse(pushed.until ?? '') - Date.parse(pushed.setAt)).toBe(20 * 60_000);

    const { snapshot: later } = await rt.connect<DisplaySnapshot>('/display', { auth: { branchId: DEMO_BRANCH } });
    expect(later.hallMessage).toEqual(pushed);

    const from = hall.mark();
    await apiOk(rt.url, 'DELETE', path, { token: rt.token('supervisor') });
    expect(await hall.waitFor<HallMessage | null>('hall:message', (m) => m === null, { from })).toBeNull();
    expect(board.all('hall:message')).toEqual([]);
    const { snapshot: after } = await rt.connect<DisplaySnapshot>('/display', { auth: { branchId: DEMO_BRANCH } });
    expect(after.hallMessage).toBeNull();
  });
});
