// Edits of a branch's floor plan as pure functions: each takes the draft configuration and returns a
// new one, never changing its argument, so the page can tell a draft from what was loaded, discard
// it, and test every edit without a browser. Cross-record consequences live here too (a deleted
// sub-service leaves every counter; exactly one priority class stays "normal").
import type {
  BranchConfig,
  Counter,
  Fee,
  InfoPackage,
  Phrase,
  PriorityClass,
  PriorityKind,
  RequiredDocument,
  ServiceGroup,
  SubService,
  WorkflowStep,
} from '@nobat/protocol';

// ---- lists
export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** Moves the item at `from` to `to` (both clamped to the list); the others keep their order. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const target = Math.max(0, Math.min(list.length - 1, to));
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

/** An id not yet used in `taken`: `base-1`, `base-2`, … */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

// ---- phrases (a text of the information package: Persian alone, or both languages)
export const phraseParts = (p: Phrase | undefined): { fa: string; en: string } =>
  p === undefined ? { fa: '', en: '' } : typeof p === 'string' ? { fa: p, en: '' } : { fa: p.fa, en: p.en ?? '' };

/** Persian alone is stored as a plain string; with English, as both. */
export const phraseOf = (fa: string, en: string): Phrase => (en.trim() ? { fa, en } : fa);

// ---- service groups
export function addGroup(cfg: BranchConfig): BranchConfig {
  const order = Math.max(0, ...cfg.groups.map((g) => g.order)) + 1;
  const group: ServiceGroup = {
    id: freshId(
      'group',
      cfg.groups.map((g) => g.id),
    ),
    title: { fa: '' },
    order,
  };
  return { ...cfg, groups: [...cfg.groups, group] };
}

export const updateGroup = (cfg: BranchConfig, index: number, group: ServiceGroup): BranchConfig => ({
  ...cfg,
  groups: replaceAt(cfg.groups, index, group),
});

/** A group still holding sub-services cannot go (the server would refuse the sub-services' group). */
export const groupInUse = (cfg: BranchConfig, groupId: string): boolean =>
  cfg.services.some((s) => s.groupId === groupId);

export const removeGroup = (cfg: BranchConfig, index: number): BranchConfig => {
  const group = cfg.groups[index];
  if (!group || groupInUse(cfg, group.id)) return cfg;
  return { ...cfg, groups: removeAt(cfg.groups, index) };
};

/** Groups in the order the kiosk shows them. */
export const groupsInOrder = (cfg: BranchConfig): ServiceGroup[] => [...cfg.groups].sort((a, b) => a.order - b.order);

// ---- sub-services
const emptyInfo = (): InfoPackage => ({
  addresses: [],
  steps: [],
  requiredDocuments: [],
  averageDuration: { value: 5, unit: 'minute' },
  inquiries: [],
  fees: [],
  responsible: { name: '', post: '' },
});

/** A new sub-service in `groupId`, numbered in the first free thousand after the others. */
export function addService(cfg: BranchConfig, groupId: string): BranchConfig {
  const top = Math.max(0, ...cfg.services.filter((s) => s.numbering.prefix === '').map((s) => s.numbering.to));
  const from = Math.min(98_001, (Math.floor(top / 1000) + 1) * 1000 + 1);
  const service: SubService = {
    id: freshId(
      'service',
      cfg.services.map((s) => s.id),
    ),
    groupId,
    title: { fa: '' },
    numbering: { prefix: '', from, to: from + 998 },
    dailyCap: null,
    targetWaitMinutes: 20,
    averageServiceMinutes: 5,
    active: true,
    info: emptyInfo(),
    workflow: [],
  };
  return { ...cfg, services: [...cfg.services, service] };
}

export function updateService(cfg: BranchConfig, index: number, edit: (s: SubService) => SubService): BranchConfig {
  const service = cfg.services[index];
  return service ? { ...cfg, services: replaceAt(cfg.services, index, edit(service)) } : cfg;
}

export const updateInfo = (cfg: BranchConfig, index: number, edit: (p: InfoPackage) => InfoPackage): BranchConfig =>
  updateService(cfg, index, (s) => ({ ...s, info: edit(s.info) }));

/** Removes a sub-service and every counter's cell for it. */
export function removeService(cfg: BranchConfig, index: number): BranchConfig {
  const service = cfg.services[index];
  if (!service) return cfg;
  return {
    ...cfg,
    services: removeAt(cfg.services, index),
    counters: cfg.counters.map((c) => ({ ...c, services: c.services.filter((x) => x.serviceId !== service.id) })),
  };
}

// ---- the workflow table (جدول ۱): rows stay numbered 1, 2, 3, … whatever is added, removed or moved
export const renumber = (steps: readonly WorkflowStep[]): WorkflowStep[] =>
  steps.map((s, i) => (s.row === i + 1 ? s : { ...s, row: i + 1 }));

export const newStep = (): WorkflowStep => ({
  row: 1,
  title: '',
  unit: '',
  post: '',
  duration: 1,
  durationUnit: 'day',
});

export const addStep = (steps: readonly WorkflowStep[]): WorkflowStep[] => renumber([...steps, newStep()]);
export const removeStep = (steps: readonly WorkflowStep[], index: number): WorkflowStep[] =>
  renumber(removeAt(steps, index));
export const moveStep = (steps: readonly WorkflowStep[], from: number, to: number): WorkflowStep[] =>
  renumber(move(steps, from, to));
export const updateStep = (steps: readonly WorkflowStep[], index: number, step: WorkflowStep): WorkflowStep[] =>
  renumber(replaceAt(steps, index, step));

// ---- information package lists
export const newDocument = (docs: readonly RequiredDocument[]): RequiredDocument => ({
  id: freshId(
    'document',
    docs.map((d) => d.id),
  ),
  title: { fa: '' },
});
export const newFee = (): Fee => ({ title: { fa: '' }, amountRials: 0, account: '', legalBasis: '' });

// ---- priority classes: exactly one is "normal"
export function addPriority(cfg: BranchConfig): BranchConfig {
  const p: PriorityClass = {
    id: freshId(
      'priority',
      cfg.priorities.map((x) => x.id),
    ),
    title: { fa: '' },
    kind: 'priority',
    weight: 1,
  };
  return { ...cfg, priorities: [...cfg.priorities, p] };
}

export const updatePriority = (cfg: BranchConfig, index: number, p: PriorityClass): BranchConfig => ({
  ...cfg,
  priorities: replaceAt(cfg.priorities, index, p),
});

/** Making a class "normal" makes the previous normal one a priority class; the normal one cannot stop being normal. */
export function setPriorityKind(cfg: BranchConfig, index: number, kind: PriorityKind): BranchConfig {
  const target = cfg.priorities[index];
  if (!target || target.kind === kind) return cfg;
  if (target.kind === 'normal') return cfg;
  return {
    ...cfg,
    priorities: cfg.priorities.map((p, i) => {
      if (i === index) return { ...p, kind };
      if (kind === 'normal' && p.kind === 'normal') return { ...p, kind: 'priority' };
      return p;
    }),
  };
}

export const removePriority = (cfg: BranchConfig, index: number): BranchConfig =>
  cfg.priorities[index]?.kind === 'normal' ? cfg : { ...cfg, priorities: removeAt(cfg.priorities, index) };

// ---- counters
/** A new counter with the next free number; it serves the first sub-service until the grid says otherwise. */
export function addCounter(cfg: BranchConfig): BranchConfig {
  const numbers = new Set(cfg.counters.map((c) => c.number));
  let number = 1;
  while (numbers.has(number)) number++;
  const first = cfg.services[0];
  const counter: Counter = {
    id: freshId(
      'counter',
      cfg.counters.map((c) => c.id),
    ),
    number,
    title: { fa: '' },
    services: first ? [{ serviceId: first.id, weight: 1 }] : [],
    active: true,
  };
  return { ...cfg, counters: [...cfg.counters, counter] };
}

export const updateCounter = (cfg: BranchConfig, index: number, counter: Counter): BranchConfig => ({
  ...cfg,
  counters: replaceAt(cfg.counters, index, counter),
});

/** Clerks who may staff this counter and no other: removing it would leave them nowhere (or, read as
 * "any counter", widen what they may do), so the counter stays until their users are changed. */
export const clerksOnlyAt = (cfg: BranchConfig, counterId: string): string[] =>
  cfg.clerks.filter((k) => k.counters?.length === 1 && k.counters[0] === counterId).map((k) => k.name);

/** Removes a counter, and it from the counters each clerk may staff. */
export function removeCounter(cfg: BranchConfig, index: number): BranchConfig {
  const counter = cfg.counters[index];
  if (!counter || clerksOnlyAt(cfg, counter.id).length > 0) return cfg;
  return {
    ...cfg,
    counters: removeAt(cfg.counters, index),
    clerks: cfg.clerks.map((k) =>
      k.counters?.includes(counter.id) ? { ...k, counters: k.counters.filter((id) => id !== counter.id) } : k,
    ),
  };
}
