// A fake report runner for unit tests of the directives' reports (the real one is history/reports.ts):
// its figures are a function of the query, so a test can tell which query made which number, and it
// keeps every query it was asked.
import type { Report, ReportFigures, ReportQuery, ReportRow } from '@nobat/protocol';
import { emptyFigures } from '../../domain/directive-reports.ts';
import type { ReportReach, ReportRunner } from '../port.ts';

export interface FakeRunner extends ReportRunner {
  queries: { query: ReportQuery; reach: ReportReach }[];
}

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T12:00:00Z`); t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};

/** Served of a row: the range's day count times `perDay` of the filter (a branch or province id). */
export function fakeRunner(perDay: (scopeId: string) => number): FakeRunner {
  const queries: FakeRunner['queries'] = [];
  const figures = (served: number): ReportFigures => ({
    ...emptyFigures(),
    issued: served,
    called: served,
    served,
    wait: {
      count: served,
      meanMs: 6 * 60_000,
      medianMs: 5 * 60_000,
      p90Ms: 12 * 60_000,
      withinTarget: served,
      withinTargetShare: served ? 1 : null,
    },
    serve: { count: served, meanMs: 4 * 60_000, medianMs: 4 * 60_000, p90Ms: 7 * 60_000 },
  });
  return {
    queries,
    async run(query, reach) {
      queries.push({ query: structuredClone(query), reach });
      const scope = query.branchId ?? query.provinceId ?? '';
      const n = perDay(scope);
      const range = days(query.from, query.to);
      const keys: string[] =
        query.by === 'day'
          ? range
          : query.by === 'service'
            ? ['s1', 's2']
            : query.by === 'hour'
              ? ['9', '10']
              : query.by === 'weekday'
                ? ['0', '1', '2', '3', '4', '5', '6']
                : [`${query.by}-x`];
      // Day rows: n each; other rows share the range's total.
      const rows: ReportRow[] = keys.map((key, i) => ({
        key,
        label: { fa: `ردیف ${key}`, en: `row ${key}` },
        figures: figures(query.by === 'day' ? n : i === 0 ? n * range.length : 0),
      }));
      const report: Report = {
        by: query.by,
        branches: [],
        current: { from: query.from, to: query.to, total: figures(n * range.length), rows },
        previous: null,
      };
      return report;
    },
  };
}
