// The request routes as the desk calls them (the shared REST client: every answer parsed with
// protocol's schema, every failure an ApiError with the server's words).
import { path } from '@nobat/client';
import {
  type CreateRequestBody,
  type RequestState,
  RequestSummary,
  RequestView,
  type ResubmitBody,
  TicketTracking,
} from '@nobat/protocol';
import { z } from 'zod';
import { rest } from '../rest.ts';

const Summaries = z.array(RequestSummary);

export const createRequest = (body: CreateRequestBody) => rest.post(RequestView, '/api/v1/requests', body);

export const requestOf = (id: string) => rest.get(RequestView, path('/api/v1/requests', id));

export const requestOfTicket = (ticketId: string) =>
  rest.get(RequestView, path('/api/v1/requests/by-ticket', ticketId));

export const listRequests = (query: { state?: RequestState; q?: string; limit?: number }) =>
  rest.get(Summaries, '/api/v1/requests', { query });

export const resubmit = (id: string, body: z.input<typeof ResubmitBody>) =>
  rest.post(RequestView, path('/api/v1/requests', id, 'resubmit'), body);

export const deliverAtDesk = (id: string, version: number) =>
  rest.post(RequestView, path('/api/v1/requests', id, 'deliver'), { version, channel: 'desk' });

/** A ticket as its tracking page sees it: the documents recorded missing at intake, by title. */
export const ticketTracking = (ticketId: string) => rest.get(TicketTracking, path('/api/v1/tickets', ticketId));
