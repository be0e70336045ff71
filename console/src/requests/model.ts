// What the requests pages decide without the DOM: a code as people read it, a step's status in
// words, an inbox kept in due order as live changes arrive, the moves a user may make now (the
// server decides; these only choose which buttons to show, after RQ5–RQ14), and the history's lines.
import { errorText } from '@nobat/client';
import {
  formatTrackingCode,
  type Lang,
  localDigits,
  type RequestActor,
  type RequestErrorCode,
  type RequestEvent,
  type RequestMove,
  type RequestState,
  type RequestStep,
  type RequestSummary,
  type RequestView,
  requestErrors,
  type SessionUser,
} from '@nobat/protocol';
import { EVENT_TEXT, STATUS_TEXT, t } from './words.ts';

/** A tracking code as written for people: 3-3-4, Persian digits in Persian. */
export const codeText = (lang: Lang, code: string): string => localDigits(lang, formatTrackingCode(code));

/** The current step's status: waiting to be taken, taken by whom, or waiting for an inquiry. */
export function statusText(lang: Lang, current: RequestSummary['current']): string {
  if (!current) return '';
  if (current.status === 'accepted' && current.assignee) {
    return t(lang, 'taken', { name: isolate(current.assignee.name) });
  }
  return STATUS_TEXT[current.status][lang];
}

/** Past its due time now (the server's flag is as of the answer; time goes on). */
export function isOverdue(s: Pick<RequestSummary, 'current' | 'state'>, now: number): boolean {
  if (s.state !== 'in-progress' || !s.current) return false;
  return s.current.overdue || Date.parse(s.current.dueAt) < now;
}

/** Due first: by the current step's due time; requests with no current step last, oldest first. */
export function byDue(a: RequestSummary, b: RequestSummary): number {
  const da = a.current ? Date.parse(a.current.dueAt) : Number.POSITIVE_INFINITY;
  const db = b.current ? Date.parse(b.current.dueAt) : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.code < b.code ? -1 : 1;
}

/**
 * A list after a request changed: its row replaced (never by an older version), added when the list
 * keeps it and did not have it, dropped when the list no longer keeps it; in due order.
 */
export function applyChange(
  rows: readonly RequestSummary[],
  changed: RequestSummary,
  keeps: (s: RequestSummary) => boolean,
  addNew = true,
): RequestSummary[] {
  const had = rows.find((r) => r.id === changed.id);
  if (had && had.version > changed.version) return [...rows];
  const rest = rows.filter((r) => r.id !== changed.id);
  if (!keeps(changed) || (!had && !addNew)) return had ? rest.sort(byDue) : [...rows];
  return [...rest, changed].sort(byDue);
}

/**
 * A list as loaded, with the changes received while it was loading applied on top (each change is
 * its request's whole summary at a version: one the answer already holds changes nothing).
 */
export function reconcile(
  loaded: readonly RequestSummary[],
  received: Iterable<RequestSummary>,
  keeps: (s: RequestSummary) => boolean,
  addNew = true,
): RequestSummary[] {
  let rows = loaded.filter(keeps).sort(byDue);
  for (const s of received) rows = applyChange(rows, s, keeps, addNew);
  return rows;
}

/** A unit's inbox holds the requests in progress at that unit now. */
export const inboxKeeps =
  (unit: string) =>
  (s: RequestSummary): boolean =>
    s.state === 'in-progress' && s.current?.unit === unit;

export interface ListFilters {
  state?: RequestState | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

/** Whether a branch list with these filters holds a request (a search by national ID cannot be told: kept). */
export const listKeeps =
  (f: ListFilters, now: () => number = Date.now) =>
  (s: RequestSummary): boolean => {
    if (f.state && s.state !== f.state) return false;
    if (f.unit && s.current?.unit !== f.unit) return false;
    if (f.overdue && !isOverdue(s, now())) return false;
    return true;
  };

/** The moves to offer `user` on `view` now (RQ5–RQ14); the server checks each again. */
export function movesFor(view: RequestView, user: SessionUser): RequestMove[] {
  const ofBranch = user.role === 'admin' || (user.branchId !== null && user.branchId === view.branchId);
  if (!ofBranch) return [];
  const cur = view.current;
  const last = cur !== null && cur.step === view.steps.length - 1;
  if (user.role === 'officer') {
    if (view.state !== 'in-progress' || !cur || !user.unit || cur.unit !== user.unit) return [];
    if (cur.status === 'pending') return ['accept'];
    if (cur.status === 'inquiry') return ['inquiry-answer'];
    if (cur.assignee?.id !== user.id) return [];
    return last ? ['respond', 'return', 'forward', 'inquiry'] : ['complete', 'return', 'forward', 'inquiry'];
  }
  if (user.role === 'supervisor' || user.role === 'admin') {
    const moves: RequestMove[] = [];
    if (view.state === 'in-progress' && cur && cur.status !== 'inquiry') moves.push('forward');
    if (view.state === 'responded') moves.push('deliver');
    if (view.state === 'in-progress' || view.state === 'returned') moves.push('withdraw');
    return moves;
  }
  return [];
}

export type StepMark = 'done' | 'current' | 'todo';

/** Each workflow step: done, the current one, or still ahead (all done once responded or delivered). */
export function stepMarks(view: Pick<RequestView, 'state' | 'current' | 'steps'>): StepMark[] {
  const finished = view.state === 'responded' || view.state === 'delivered';
  return view.steps.map((_, i) => {
    if (finished) return 'done';
    if (!view.current) return 'todo';
    return i < view.current.step ? 'done' : i === view.current.step ? 'current' : 'todo';
  });
}

/** Who did something, as the history names them: «سارا (کارشناس، واحد درآمد)». */
export function actorText(lang: Lang, by: RequestActor): string {
  if (by.kind === 'visitor') return t(lang, 'visitor');
  if (by.kind === 'system') return t(lang, 'system');
  return by.unit ? `${by.name} (${by.unit})` : by.name;
}

/**
 * Data (a step's title, a unit, an agency, a name) inside the console's own sentence, isolated in
 * its own direction (U+2068 … U+2069): a Persian title in an English line keeps its place and its
 * quotes, and an English one in a Persian line too.
 */
export const isolate = (data: string): string => `\u2068${data}\u2069`;

const stepName = (steps: readonly RequestStep[], i: number | null): string => {
  if (i === null) return '';
  return isolate(steps[i]?.title ?? String(i + 1));
};

/** One line of the history: what happened (and at which step), and its note, reason or answer. */
export function eventLine(
  lang: Lang,
  e: RequestEvent,
  steps: readonly RequestStep[],
): { what: string; detail: string | null } {
  const base = EVENT_TEXT[e.type][lang];
  const at = (i: number) => `${base}: ${stepName(steps, i)}`;
  switch (e.type) {
    case 'RequestCreated':
      return { what: base, detail: e.notes || null };
    case 'StepAccepted':
      return { what: at(e.step), detail: null };
    case 'StepCompleted':
      return { what: at(e.step), detail: e.note || null };
    case 'StepReturned': {
      const to =
        e.toStep === null
          ? lang === 'fa'
            ? 'به پیشخوان'
            : 'to the desk'
          : lang === 'fa'
            ? `به «${stepName(steps, e.toStep)}»`
            : `to “${stepName(steps, e.toStep)}”`;
      return { what: `${at(e.step)} ${to}`, detail: e.reason };
    }
    case 'StepForwarded':
      return {
        what: `${at(e.step)} ${lang === 'fa' ? `به ${isolate(e.toUnit)}` : `to ${isolate(e.toUnit)}`}`,
        detail: e.note || null,
      };
    case 'InquirySent':
      return { what: `${base}: ${isolate(e.agency)}`, detail: e.question };
    case 'InquiryAnswered':
      return { what: at(e.step), detail: e.answer };
    case 'Resubmitted':
      return { what: base, detail: e.note || null };
    case 'ResponseIssued':
      return {
        what: `${base} (${localDigits(lang, e.response.number)})`,
        detail: [e.response.answer, e.response.remarks].filter(Boolean).join('\n') || null,
      };
    case 'Delivered':
      return {
        what: `${base} (${e.channel === 'desk' ? (lang === 'fa' ? 'در پیشخوان' : 'at the desk') : lang === 'fa' ? 'الکترونیکی' : 'electronically'})`,
        detail: null,
      };
    case 'Withdrawn':
      return { what: base, detail: e.reason };
  }
}

/** A refusal in words: the request's own refusals from protocol, else the server's (or network's) words. */
export function requestErrorText(lang: Lang, err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code in requestErrors) return requestErrors[code as RequestErrorCode][lang];
  return errorText(lang, err);
}

/** Whether a refusal says the request changed under the user (reload and say so). */
export const isStale = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  'code' in err &&
  (err.code === 'stale-request' || err.code === 'version-conflict');
