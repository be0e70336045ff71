import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { HttpGateway } from './http.ts';
import { createGateway } from './index.ts';
import { KavenegarGateway } from './kavenegar.ts';
import { LogGateway } from './log.ts';
import { maskInText } from './port.ts';
import { SmppGateway } from './smpp.ts';

const silent = createLogger('silent');

describe('[NT6] the gateway from the environment', () => {
  it('log by default; each gateway by NOBAT_SMS_GATEWAY with its settings', () => {
    expect(createGateway(readConfig({}), silent)).toBeInstanceOf(LogGateway);
    expect(
      createGateway(readConfig({ NOBAT_SMS_GATEWAY: 'kavenegar', NOBAT_KAVENEGAR_API_KEY: 'k' }), silent),
    ).toBeInstanceOf(KavenegarGateway);
    const http = readConfig({
      NOBAT_SMS_GATEWAY: 'http',
      NOBAT_SMS_HTTP_URL: 'https://sms.example/send',
      NOBAT_SMS_HTTP_HEADERS: '{"content-type":"application/json"}',
      NOBAT_SMS_HTTP_OK_STATUSES: '200, 202',
    });
    expect(http.NOBAT_SMS_HTTP_HEADERS).toEqual({ 'content-type': 'application/json' });
    expect(http.NOBAT_SMS_HTTP_OK_STATUSES).toEqual([200, 202]);
    expect(createGateway(http, silent)).toBeInstanceOf(HttpGateway);
    expect(
      createGateway(
        readConfig({
          NOBAT_SMS_GATEWAY: 'smpp',
          NOBAT_SMPP_URL: 'smpp://smsc.example:2775',
          NOBAT_SMPP_SYSTEM_ID: 'nobat',
          NOBAT_SMPP_PASSWORD: 'secret',
        }),
        silent,
      ),
    ).toBeInstanceOf(SmppGateway);
  });

  it('a gateway without its settings, or a bad value, stops the start naming the variable', () => {
    const bad: [Record<string, string>, string][] = [
      [{ NOBAT_SMS_GATEWAY: 'kavenegar' }, 'NOBAT_KAVENEGAR_API_KEY'],
      [{ NOBAT_SMS_GATEWAY: 'http' }, 'NOBAT_SMS_HTTP_URL'],
      [{ NOBAT_SMS_GATEWAY: 'smpp', NOBAT_SMPP_URL: 'smpp://h:1' }, 'NOBAT_SMPP_URL'],
      [{ NOBAT_SMS_GATEWAY: 'pigeon' }, 'NOBAT_SMS_GATEWAY'],
      [{ NOBAT_SMS_HTTP_HEADERS: '["x"]' }, 'NOBAT_SMS_HTTP_HEADERS'],
      [{ NOBAT_SMS_HTTP_OK_STATUSES: 'ok' }, 'NOBAT_SMS_HTTP_OK_STATUSES'],
      [{ NOBAT_SMPP_URL: 'http://smsc' }, 'NOBAT_SMPP_URL'],
    ];
    for (const [env, name] of bad) {
      expect(() => readConfig(env), name).toThrow(ConfigError);
      expect(() => readConfig(env), name).toThrow(name);
    }
  });
});

describe('[NT4] the log gateway', () => {
  it('logs the masked number and the text, never the whole number', async () => {
    const lines: string[] = [];
    const dest = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const gw = new LogGateway(createLogger('info', dest));
    expect(await gw.send({ to: '09121234567', text: 'نوبت ۱۰۰۱', key: 'k1' })).toEqual({ id: 'k1' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ to: '0912***4567', text: 'نوبت ۱۰۰۱', key: 'k1' });
    expect(lines[0]).not.toContain('09121234567');
    expect(maskInText('to +989121234567 and 09351112233')).toBe('to +989***4567 and 0935***2233');
  });
});
