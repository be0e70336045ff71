// [RN1–RN3] What the visitor of a request hears by SMS, event by event: its creation (the tracking
// code, the promised date, the status link), each stage it reaches, a return to the desk with its
// reason, an inquiry to another agency, the response ready, its delivery and a withdrawal. Acceptances,
// forwards, inquiry answers and notes are the office's own business: no message. Persian with Persian
// digits; links stay Latin (a phone must open them). Short: one SMS part (70 Persian characters) where
// the content allows — the status link goes only where the visitor has something to do or to read.
import { formatTrackingCode, type RequestEvent, toJalali, toPersianDigits } from '@nobat/protocol';
import type { MessageKind } from './port.ts';

/** The kinds of message a request's events give (a subset of MessageKind). */
export type RequestMessageKind = Extract<MessageKind, `request-${string}`>;

export interface RequestMessage {
  kind: RequestMessageKind;
  text: string;
}

export interface RequestMessageContext {
  /** The branch's name (Persian), where the visitor goes back to. */
  branchName: string;
  /** The base of the status link (`<publicUrl>/r/<code>`). */
  publicUrl: string;
}

const fa = (s: string | number) => toPersianDigits(String(s));

/** A tracking code as people read it, in Persian digits: ۱۲۳-۴۵۶-۷۸۹۰. */
export const codeText = (code: string) => fa(formatTrackingCode(code));

/** A local day (ISO) as a Jalali date in Persian digits: ۱۴۰۵/۰۹/۰۱. */
export function jalaliText(isoDay: string): string {
  const j = toJalali(isoDay);
  return fa(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`);
}

/** The visitor's status page of a request (the public /r/ page). */
export const statusLink = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/r/${code}`;

/** A reason typed by staff, cut to fit a short message (the whole of it is on the status page). */
export function shortReason(reason: string, max = 120): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** [RN2] The texts. */
export const requestTexts = {
  created: (p: { branch: string; code: string; promisedDate: string; link: string }) =>
    `${p.branch}\nدرخواست شما ثبت شد.\nکد رهگیری: ${codeText(p.code)}\nموعد پاسخ: ${jalaliText(p.promisedDate)}\nپیگیری: ${p.link}`,
  stage: (p: { code: string; title: string }) => `درخواست ${codeText(p.code)} به مرحلهٔ «${p.title}» رسید.`,
  resubmitted: (p: { code: string; title: string }) =>
    `درخواست ${codeText(p.code)} دوباره به جریان افتاد: مرحلهٔ «${p.title}».`,
  stepBack: (p: { code: string; title: string }) =>
    `درخواست ${codeText(p.code)} برای بازبینی به مرحلهٔ «${p.title}» برگشت.`,
  returned: (p: { branch: string; code: string; reason: string; link: string }) =>
    `درخواست ${codeText(p.code)} برای تکمیل به پیشخوان ${p.branch} برگشت.\nعلت: ${shortReason(p.reason)}\n${p.link}`,
  inquiry: (p: { code: string }) => `برای درخواست ${codeText(p.code)} از دستگاه دیگری استعلام شد؛ منتظر پاسخ آن هستیم.`,
  responded: (p: { branch: string; code: string; link: string }) =>
    `پاسخ درخواست ${codeText(p.code)} آماده است.\nدریافت حضوری: ${p.branch}\nدریافت برخط: ${p.link}`,
  delivered: (p: { code: string; channel: 'desk' | 'electronic' }) =>
    p.channel === 'desk'
      ? `پاسخ درخواست ${codeText(p.code)} حضوری به شما تحویل شد.`
      : `پاسخ درخواست ${codeText(p.code)} برخط دریافت شد.`,
  withdrawn: (p: { code: string; reason: string }) =>
    `درخواست ${codeText(p.code)} متوقف شد.\nعلت: ${shortReason(p.reason)}`,
};

type Created = Extract<RequestEvent, { type: 'RequestCreated' }>;

/**
 * [RN1] The message one event of a request gives its visitor, or null (the office's own business).
 * `created` is the request's RequestCreated (its code, steps and promised date).
 */
export function requestMessage(created: Created, e: RequestEvent, ctx: RequestMessageContext): RequestMessage | null {
  const code = created.code;
  const title = (step: number) => created.steps[step]?.title ?? '';
  const link = statusLink(ctx.publicUrl, code);
  const branch = ctx.branchName;
  switch (e.type) {
    case 'RequestCreated':
      return {
        kind: 'request-created',
        text: requestTexts.created({ branch, code, promisedDate: created.promisedDate, link }),
      };
    case 'StepCompleted':
      return { kind: 'request-stage', text: requestTexts.stage({ code, title: title(e.step + 1) }) };
    case 'Resubmitted':
      return { kind: 'request-stage', text: requestTexts.resubmitted({ code, title: title(0) }) };
    case 'StepReturned':
      return e.toStep === null
        ? { kind: 'request-returned', text: requestTexts.returned({ branch, code, reason: e.reason, link }) }
        : { kind: 'request-stage', text: requestTexts.stepBack({ code, title: title(e.toStep) }) };
    case 'InquirySent':
      return { kind: 'request-inquiry', text: requestTexts.inquiry({ code }) };
    case 'ResponseIssued':
      return { kind: 'request-responded', text: requestTexts.responded({ branch, code, link }) };
    case 'Delivered':
      return { kind: 'request-delivered', text: requestTexts.delivered({ code, channel: e.channel }) };
    case 'Withdrawn':
      return { kind: 'request-withdrawn', text: requestTexts.withdrawn({ code, reason: e.reason }) };
    case 'StepAccepted':
    case 'StepForwarded':
    case 'InquiryAnswered':
      return null;
  }
}
