// [NT6] The gateway the configuration names.
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { HttpGateway } from './http.ts';
import { KavenegarGateway } from './kavenegar.ts';
import { LogGateway } from './log.ts';
import type { SmsGateway } from './port.ts';
import { SmppGateway } from './smpp.ts';

export type GatewayConfig = Pick<
  Config,
  | 'NOBAT_SMS_GATEWAY'
  | 'NOBAT_KAVENEGAR_API_KEY'
  | 'NOBAT_KAVENEGAR_SENDER'
  | 'NOBAT_KAVENEGAR_URL'
  | 'NOBAT_SMS_HTTP_URL'
  | 'NOBAT_SMS_HTTP_METHOD'
  | 'NOBAT_SMS_HTTP_HEADERS'
  | 'NOBAT_SMS_HTTP_BODY'
  | 'NOBAT_SMS_HTTP_OK_STATUSES'
  | 'NOBAT_SMPP_URL'
  | 'NOBAT_SMPP_SYSTEM_ID'
  | 'NOBAT_SMPP_PASSWORD'
  | 'NOBAT_SMPP_SENDER'
  | 'NOBAT_SMS_TIMEOUT_MS'
>;

export function createGateway(c: GatewayConfig, logger: Logger): SmsGateway {
  const timeoutMs = c.NOBAT_SMS_TIMEOUT_MS;
  switch (c.NOBAT_SMS_GATEWAY) {
    case 'log':
      return new LogGateway(logger);
    case 'kavenegar':
      return new KavenegarGateway({
        apiKey: c.NOBAT_KAVENEGAR_API_KEY as string,
        baseUrl: c.NOBAT_KAVENEGAR_URL,
        timeoutMs,
        ...(c.NOBAT_KAVENEGAR_SENDER ? { sender: c.NOBAT_KAVENEGAR_SENDER } : {}),
      });
    case 'http':
      return new HttpGateway({
        url: c.NOBAT_SMS_HTTP_URL as string,
        method: c.NOBAT_SMS_HTTP_METHOD,
        timeoutMs,
        ...(c.NOBAT_SMS_HTTP_HEADERS ? { headers: c.NOBAT_SMS_HTTP_HEADERS } : {}),
        ...(c.NOBAT_SMS_HTTP_BODY !== undefined ? { body: c.NOBAT_SMS_HTTP_BODY } : {}),
        ...(c.NOBAT_SMS_HTTP_OK_STATUSES ? { okStatuses: c.NOBAT_SMS_HTTP_OK_STATUSES } : {}),
      });
    case 'smpp':
      return new SmppGateway({
        url: c.NOBAT_SMPP_URL as string,
        systemId: c.NOBAT_SMPP_SYSTEM_ID as string,
        password: c.NOBAT_SMPP_PASSWORD as string,
        timeoutMs,
        ...(c.NOBAT_SMPP_SENDER ? { sender: c.NOBAT_SMPP_SENDER } : {}),
      });
  }
}
