// The advice pages' server conversations, parsed with protocol's schemas.
import { AdviceDays, AdvicePlan, ConfigEnvelope, LiveAdvice, type WhatIfBody, WhatIfResult } from '@nobat/protocol';
import { api } from '../api.ts';

const branch = (id: string) => `/api/v1/branches/${encodeURIComponent(id)}`;

export const adviceApi = {
  config: (branchId: string) => api.get(ConfigEnvelope, `/api/v1/admin/branches/${encodeURIComponent(branchId)}`),
  plan: (branchId: string, date?: string) =>
    api.get(AdvicePlan, `${branch(branchId)}/advice${date ? `?date=${encodeURIComponent(date)}` : ''}`),
  live: (branchId: string) => api.get(LiveAdvice, `${branch(branchId)}/advice/live`),
  days: (branchId: string) => api.get(AdviceDays, `${branch(branchId)}/advice/days`),
  whatIf: (branchId: string, body: WhatIfBody) => api.post(WhatIfResult, `${branch(branchId)}/what-if`, body),
};
