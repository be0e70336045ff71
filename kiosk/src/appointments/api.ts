// The appointment routes as the pages call them (the shared REST client: answers checked by schema).
import { ApiError, createRestClient, path } from '@nobat/client';
import {
  type BookBody,
  Booked,
  BookingBranch,
  BookingView,
  CheckedIn,
  type CheckInBody,
  type Lang,
  SlotAvailability,
} from '@nobat/protocol';
import { z } from 'zod';

const rest = createRestClient({ timeoutMs: 8_000 });

export const branchOf = (branchId: string) =>
  rest.get(BookingBranch, path('/api/v1/branches', branchId, 'appointments'));
export const slotsOf = (branchId: string, serviceId: string, day: string) =>
  rest.get(
    z.array(SlotAvailability),
    `${path('/api/v1/branches', branchId, 'appointments', serviceId, 'slots')}?date=${encodeURIComponent(day)}`,
  );
export const book = (branchId: string, body: BookBody) =>
  rest.post(Booked, path('/api/v1/branches', branchId, 'appointments'), body);
export const bookingOf = (token: string) => rest.get(BookingView, path('/api/v1/appointments', token));
export const cancelBooking = (token: string) => rest.post(BookingView, path('/api/v1/appointments', token, 'cancel'));
export const moveBooking = (token: string, slot: string) =>
  rest.post(BookingView, path('/api/v1/appointments', token, 'move'), { slot });
export const checkIn = (token: string, branchId: string, body: CheckInBody) =>
  createRestClient({ token, timeoutMs: 8_000 }).post(
    CheckedIn,
    path('/api/v1/branches', branchId, 'appointments', 'check-in'),
    body,
  );

/** An error's text in the page's language (a network failure included). */
export const errorText = (err: unknown, lang: Lang): string =>
  err instanceof ApiError ? err.text[lang] : lang === 'fa' ? 'خطای ارتباط' : 'Connection error';
