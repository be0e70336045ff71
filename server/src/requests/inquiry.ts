// [RS10] Inquiries (استعلام) to other agencies behind one port. Today the question goes by hand (a
// letter, a phone call, the other agency's own portal) and an officer types its answer in
// (`inquiry-answer`, RQ10): that is ManualInquiries. A connector to another agency's system implements
// InquiryConnector: it is handed every inquiry as it is written, and gives its answer back through
// InquiryDesk.answer, which enters it as the system (RQ10) — the same event a typed answer makes.
import type { RequestView } from '@nobat/protocol';
import type { Logger } from '../log.ts';
import type { RequestService } from './request-service.ts';

/** One inquiry as a connector receives it: which request and step, to whom, what is asked. */
export interface InquiryOut {
  requestId: string;
  code: string;
  branchId: string;
  step: number;
  /** The seq of its InquirySent: with the request id, the inquiry's own id. */
  seq: number;
  agency: string;
  question: string;
}

export interface InquiryConnector {
  readonly name: string;
  /** Hands an inquiry to the other agency; an answer comes back later through InquiryDesk.answer. */
  send(inquiry: InquiryOut): Promise<void>;
}

/** [RS10] No connector: the officer asks by hand and types the answer in. */
export class ManualInquiries implements InquiryConnector {
  readonly name = 'manual';
  async send(): Promise<void> {}
}

/** Follows the request service: hands each new inquiry to the connector, and enters its answers. */
export class InquiryDesk {
  readonly #requests: Pick<RequestService, 'onChange' | 'move'>;
  readonly #connector: InquiryConnector;
  readonly #logger: Logger | undefined;

  constructor(opts: {
    requests: Pick<RequestService, 'onChange' | 'move'>;
    connector: InquiryConnector;
    logger?: Logger;
  }) {
    this.#requests = opts.requests;
    this.#connector = opts.connector;
    this.#logger = opts.logger;
  }

  /** Starts handing inquiries over; answers the function that stops it. */
  follow(): () => void {
    return this.#requests.onChange((view, fresh) => {
      for (const e of fresh) {
        if (e.type !== 'InquirySent') continue;
        const out: InquiryOut = {
          requestId: view.id,
          code: view.code,
          branchId: view.branchId,
          step: e.step,
          seq: e.seq,
          agency: e.agency,
          question: e.question,
        };
        this.#connector.send(out).catch((err: unknown) => {
          // The officer still sees it waiting and may type the answer in by hand.
          this.#logger?.error({ err, requestId: view.id, connector: this.#connector.name }, 'inquiry not handed over');
        });
      }
    });
  }

  /** [RQ10] The other agency's answer, entered as the system: refused when no inquiry waits (no-inquiry). */
  answer(requestId: string, answer: string): Promise<RequestView> {
    return this.#requests.move({ kind: 'system' }, requestId, { type: 'inquiry-answer', answer });
  }
}
