// The requests pages' server conversations, parsed with protocol's schemas. The PDFs are plain links:
// the session cookie goes with a link to the same origin.
import { path } from '@nobat/client';
import {
  type Lang,
  type RequestMove,
  type RequestMoveBodies,
  type RequestState,
  RequestSummary,
  RequestView,
  ServiceSummary,
} from '@nobat/protocol';
import { z } from 'zod';
import { api } from '../api.ts';

export interface ListQuery {
  branchId?: string | undefined;
  state?: RequestState | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

/** The body of a move as its schema takes it (before defaults). */
export type MoveBody<M extends RequestMove> = z.input<(typeof RequestMoveBodies)[M]>;

export const requestsApi = {
  /** An officer gets their unit's inbox whatever the filters; others their branch's (admins: any). */
  list: (q: ListQuery = {}) =>
    api.get(z.array(RequestSummary), '/api/v1/requests', {
      query: {
        branchId: q.branchId,
        state: q.state,
        unit: q.unit,
        overdue: q.overdue ? 'true' : undefined,
        q: q.q || undefined,
        limit: q.limit ?? 200,
      },
    }),
  get: (id: string) => api.get(RequestView, path('/api/v1/requests', id)),
  move: <M extends RequestMove>(id: string, move: M, body: MoveBody<M>) =>
    api.post(RequestView, path('/api/v1/requests', id, move), body),
  units: (branchId: string) => api.get(z.array(z.string()), path('/api/v1/branches', branchId, 'units')),
  /** The branch's sub-services (public), for the titles of the documents on a request. */
  services: (branchId: string) => api.get(z.array(ServiceSummary), path('/api/v1/branches', branchId, 'services')),
};

export const receiptUrl = (id: string, lang: Lang, size: 'a4' | 'a5' = 'a4'): string =>
  `${path('/api/v1/requests', id, 'receipt')}?lang=${lang}&size=${size}`;
export const responseUrl = (id: string, lang: Lang): string =>
  `${path('/api/v1/requests', id, 'response')}?lang=${lang}`;
