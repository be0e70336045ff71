// Public reads: branches, their counters and their sub-services with waiting counts and estimates.
import { BranchConfig, BranchSummary, CounterSummary, Id, ServiceSummary } from '@nobat/protocol';
import { z } from 'zod';
import { isOpen } from '../../domain/index.ts';
import { counterSummaries, serviceSummaries } from '../../queue/views.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, ok200 } from '../route.ts';

const BranchParams = z.object({ branchId: Id });

export function publicRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches',
      tags: ['public'],
      summary: 'Branches',
      responses: ok200(z.array(BranchSummary)),
    }),
    async (c) => {
      const now = deps.clock();
      const records = await deps.store.listRecords<unknown>('branch');
      const out = records.map((r) => {
        const { branch } = BranchConfig.parse(r.value);
        return {
          id: branch.id,
          name: branch.name,
          type: branch.type,
          open: isOpen(branch.openingHours, now, branch.timeZone, branch.holidays),
        };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/counters',
      tags: ['public'],
      summary: "A branch's counters: sub-services, status and the number each is serving",
      request: { params: BranchParams },
      responses: ok200(z.array(CounterSummary)),
    }),
    async (c) => {
      const day = await deps.queue.view(c.req.valid('param').branchId);
      if (!day) throw fail(404, 'not-found');
      return c.json(counterSummaries(day.ix, day.state), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/services',
      tags: ['public'],
      summary: 'Sub-services with information package, waiting count and estimated wait',
      request: { params: BranchParams },
      responses: ok200(z.array(ServiceSummary)),
    }),
    async (c) => {
      const day = await deps.queue.view(c.req.valid('param').branchId);
      if (!day) throw fail(404, 'not-found');
      return c.json(serviceSummaries(day.ix, day.state, deps.clock()), 200);
    },
  );
}
