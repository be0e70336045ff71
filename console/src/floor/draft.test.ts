import { BranchConfig, branchConfigProblems } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  addCounter,
  addGroup,
  addPriority,
  addService,
  addStep,
  clerksOnlyAt,
  freshId,
  move,
  moveStep,
  phraseOf,
  phraseParts,
  removeCounter,
  removeGroup,
  removePriority,
  removeService,
  removeStep,
  renumber,
  setPriorityKind,
  updateService,
} from './draft.ts';
import { testConfig } from './test-config.ts';

/** Deep-frozen, so an edit that changes its argument throws instead of passing. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

describe('draft edits never change the configuration they are given', () => {
  it('every edit returns a new configuration and leaves the old one as it was', () => {
    const cfg = frozen(testConfig());
    const before = JSON.stringify(cfg);
    const edits = [
      addGroup(cfg),
      removePriority(cfg, 1),
      addService(cfg, 'g2'),
      removeService(cfg, 0),
      updateService(cfg, 0, (s) => ({ ...s, dailyCap: 50 })),
      addPriority(cfg),
      setPriorityKind(cfg, 1, 'normal'),
      addCounter(cfg),
      removeCounter(cfg, 0),
    ];
    expect(JSON.stringify(cfg)).toBe(before);
    for (const edited of edits) expect(edited).not.toBe(cfg);
  });
});

describe('lists', () => {
  it('moves an item and keeps the others in order, clamping to the ends', () => {
    expect(move(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });
  it('makes ids not yet taken', () => {
    expect(freshId('service', ['service-1', 'service-3'])).toBe('service-2');
    expect(freshId('group', [])).toBe('group-1');
  });
  it('stores a text in Persian alone as a string, and with English as both', () => {
    expect(phraseOf('گام', '')).toBe('گام');
    expect(phraseOf('گام', '  ')).toBe('گام');
    expect(phraseOf('گام', 'Step')).toEqual({ fa: 'گام', en: 'Step' });
    expect(phraseParts('گام')).toEqual({ fa: 'گام', en: '' });
    expect(phraseParts({ fa: 'گام', en: 'Step' })).toEqual({ fa: 'گام', en: 'Step' });
    expect(phraseParts(undefined)).toEqual({ fa: '', en: '' });
  });
});

describe('workflow rows (جدول ۱) stay consecutive', () => {
  const steps = () => testConfig().services[0]?.workflow ?? [];
  const rows = (s: { row: number }[]) => s.map((x) => x.row);
  const titles = (s: { title: string }[]) => s.map((x) => x.title);

  it('renumbers 1, 2, 3 whatever the rows said', () => {
    const messy = steps().map((s, i) => ({ ...s, row: [7, 7, 2][i] ?? 0 }));
    expect(rows(renumber(messy))).toEqual([1, 2, 3]);
  });
  it('a removed row closes the gap', () => {
    const out = removeStep(steps(), 1);
    expect(rows(out)).toEqual([1, 2]);
    expect(titles(out)).toEqual(['دریافت', 'پاسخ']);
  });
  it('a moved row takes its new number and the others follow', () => {
    const out = moveStep(steps(), 2, 0);
    expect(titles(out)).toEqual(['پاسخ', 'دریافت', 'ثبت']);
    expect(rows(out)).toEqual([1, 2, 3]);
  });
  it('an added row is numbered after the last', () => {
    const out = addStep(steps());
    expect(rows(out)).toEqual([1, 2, 3, 4]);
    expect(out[3]?.title).toBe('');
  });
});

describe('groups and sub-services', () => {
  it('a new group orders after the others and has a free id', () => {
    const out = addGroup(testConfig());
    expect(out.groups.at(-1)).toMatchObject({ id: 'group-1', order: 3 });
  });
  it('a group holding sub-services is not removed; an empty one is', () => {
    const cfg = testConfig();
    expect(removeGroup(cfg, 0)).toBe(cfg);
    const emptied = updateService(cfg, 2, (s) => ({ ...s, groupId: 'g1' }));
    expect(removeGroup(emptied, 1).groups.map((g) => g.id)).toEqual(['g1']);
  });
  it('a new sub-service takes the next free thousand and the whole config stays valid once titled', () => {
    const out = addService(testConfig(), 'g2');
    const s = out.services.at(-1);
    expect(s?.numbering).toEqual({ prefix: '', from: 4001, to: 4999 });
    const titled = updateService(out, 3, (x) => ({ ...x, title: { fa: 'تازه' } }));
    expect(BranchConfig.safeParse(titled).success).toBe(true);
  });
  it('a removed sub-service leaves every counter that served it', () => {
    const out = removeService(testConfig(), 0);
    expect(out.services.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(out.counters[0]?.services).toEqual([{ serviceId: 's2', weight: 1 }]);
    expect(branchConfigProblems(out)).toEqual([]);
  });
});

describe('priority classes keep exactly one normal', () => {
  const normals = (cfg: BranchConfig) => cfg.priorities.filter((p) => p.kind === 'normal').map((p) => p.id);
  it('making a class normal demotes the old normal one', () => {
    const out = setPriorityKind(testConfig(), 1, 'normal');
    expect(normals(out)).toEqual(['elderly']);
    expect(out.priorities[0]?.kind).toBe('priority');
  });
  it('the normal class cannot stop being normal, nor be removed', () => {
    const cfg = testConfig();
    expect(setPriorityKind(cfg, 0, 'appointment')).toBe(cfg);
    expect(removePriority(cfg, 0)).toBe(cfg);
    expect(removePriority(cfg, 1).priorities.map((p) => p.id)).toEqual(['normal']);
  });
  it('a new class is a priority class', () => {
    expect(normals(addPriority(testConfig()))).toEqual(['normal']);
  });
});

describe('counters', () => {
  it('a new counter takes the lowest free number and serves the first sub-service', () => {
    const out = addCounter(testConfig());
    expect(out.counters.at(-1)).toMatchObject({
      id: 'counter-1',
      number: 3,
      services: [{ serviceId: 's1', weight: 1 }],
    });
    expect(branchConfigProblems(out)).toEqual([]);
  });
  it("a clerk's only counter stays; otherwise the counter leaves the clerks' lists too", () => {
    const cfg = testConfig();
    expect(clerksOnlyAt(cfg, 'c2')).toEqual(['کارمند یک']);
    expect(removeCounter(cfg, 1)).toBe(cfg);
    const out = removeCounter(cfg, 0);
    expect(out.counters.map((c) => c.id)).toEqual(['c2']);
    expect(out.clerks.find((k) => k.id === 'k2')?.counters).toEqual(['c2']);
    expect(out.clerks.find((k) => k.id === 'k3')?.counters).toBeUndefined();
    expect(branchConfigProblems(out)).toEqual([]);
  });
});
