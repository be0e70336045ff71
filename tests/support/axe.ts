// axe-core in a real page: what an automated accessibility check finds on a screen as it is shown.
// Only serious and critical violations fail a test; each is described well enough to fix from the
// test output (rule, help, the elements it found).
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A and AA, and best practices) on the page; the violations of these impacts. */
export async function axeViolations(
  page: Page,
  impacts: readonly Impact[] = ['serious', 'critical'],
): Promise<Violation[]> {
  // A screen is judged as it rests: a call's flash (opacity) would read as low contrast midway.
  await page.evaluate(`Promise.all(
    document.getAnimations()
      .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
      .map((a) => a.finished.catch(() => undefined)),
  )`);
  // Evaluated through the debugging protocol, so a page's Content-Security-Policy does not stop it.
  if (!(await page.evaluate('typeof globalThis.axe === "object"'))) await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const { violations } = await (globalThis as unknown as { axe: typeof axe }).axe.run({
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary}` : ''}`),
    }));
  });
  return found.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** Fails when axe-core finds a serious or critical violation on the screen `where`. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  expect(
    found.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`),
    `axe-core on ${where}`,
  ).toEqual([]);
}
