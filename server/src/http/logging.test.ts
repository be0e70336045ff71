// The server's logger masks personal data wherever it sits in a logged object.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACT_PATHS } from '../log.ts';

function memoryLogger(level = 'info') {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(level, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

const MOBILE = '09121234567';
const NATIONAL_ID = '0013542419';
const PASSWORD = 'hunter2-secret';
const TOKEN = 'kiosk-1.c2VjcmV0LXRva2Vu';

describe('createLogger', () => {
  it('masks mobile, national ID, password and token at the top level and nested', () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        mobile: MOBILE,
        nationalId: NATIONAL_ID,
        password: PASSWORD,
        token: TOKEN,
        ticket: { id: 't1', contact: { mobile: MOBILE, nationalId: NATIONAL_ID } },
        login: { username: 'clerk1', password: PASSWORD },
        session: { token: TOKEN },
        req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: `nobat_session=${TOKEN}` } },
      },
      'something happened',
    );
    const out = lines();
    expect(out).toHaveLength(1);
    const text = JSON.stringify(out);
    for (const secret of [MOBILE, NATIONAL_ID, PASSWORD, TOKEN, 'c2VjcmV0LXRva2Vu']) expect(text).not.toContain(secret);
    const [line] = out;
    expect(line).toMatchObject({
      msg: 'something happened',
      mobile: '***',
      nationalId: '***',
      password: '***',
      token: '***',
      ticket: { id: 't1', contact: { mobile: '***', nationalId: '***' } },
      login: { username: 'clerk1', password: '***' },
      session: { token: '***' },
      req: { headers: { authorization: '***', cookie: '***' } },
    });
  });

  it('masks a password or token two levels down, as it does a mobile or national ID', () => {
    // Regression: src/log.ts REDACT_PATHS had '*.*.mobile' and '*.*.nationalId' but no '*.*.password' or
    // '*.*.token', so logging e.g. {req: {body: {username, password}}} writes the password out.
    const { logger, lines } = memoryLogger();
    logger.info({
      req: { body: { username: 'clerk1', password: PASSWORD, mobile: MOBILE } },
      device: { auth: { token: TOKEN, nationalId: NATIONAL_ID } },
    });
    const [line] = lines();
    expect(line.req.body).toEqual({ username: 'clerk1', password: '***', mobile: '***' });
    expect(line.device.auth).toEqual({ token: '***', nationalId: '***' });
  });

  it('leaves other fields alone and honours the level', () => {
    const { logger, lines } = memoryLogger('warn');
    logger.info({ branch: 'b1' }, 'not written');
    logger.warn({ branch: 'b1', number: '1001' }, 'written');
    expect(lines()).toEqual([expect.objectContaining({ msg: 'written', branch: 'b1', number: '1001', level: 40 })]);
  });

  it('names every kind of personal data among its redaction paths', () => {
    for (const key of ['mobile', 'nationalId', 'password', 'token']) {
      expect(REDACT_PATHS).toContain(key);
      expect(REDACT_PATHS).toContain(`*.${key}`);
    }
  });
});
