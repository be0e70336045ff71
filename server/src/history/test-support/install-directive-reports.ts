// The directives' reports service over the test report history and a fake runner, installed in an
// HTTP harness's deps and ticked once at the harness's clock (T0: 1 Azar 1405, 09:00 Tehran), so the
// routes have Aban's and Mehr's reports, and the second quarter's, to serve.
import { createLogger } from '../../log.ts';
import type { HttpHarness } from '../../testing/http-harness.ts';
import { DirectiveReports } from '../directive-reports.ts';
import { fakeRunner } from './fake-runner.ts';
import { createTestReportHistory, type TestReportHistory } from './report-history.ts';

export async function installDirectiveReports(
  h: Pick<HttpHarness, 'deps' | 'store' | 'now'>,
): Promise<{ service: DirectiveReports; history: TestReportHistory; made: string[] }> {
  const history = await createTestReportHistory();
  // DR4: the harness's branches were open long before the periods reported.
  for (const r of await h.store.listRecords('branch')) await history.archiveFinal(r.id, '2025-01-04');
  const service = new DirectiveReports({
    store: h.store,
    history,
    runner: fakeRunner((scope) => scope.length),
    clock: () => h.now(),
    logger: createLogger('silent'),
  });
  const made = await service.tick();
  h.deps.directiveReports = service;
  return { service, history, made };
}
