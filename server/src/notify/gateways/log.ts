// [NT6] The default gateway: nothing leaves the server; the masked number and the text are logged.
import type { Logger } from '../../log.ts';
import { type GatewayMessage, maskMobile, type SmsGateway } from './port.ts';

export class LogGateway implements SmsGateway {
  readonly name = 'log';
  readonly #logger: Logger;
  constructor(logger: Logger) {
    this.#logger = logger;
  }
  async send(m: GatewayMessage): Promise<{ id?: string }> {
    this.#logger.info({ to: maskMobile(m.to), key: m.key, text: m.text }, 'sms (log gateway)');
    return { id: m.key };
  }
}
