import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has working defaults: port 8080, SQLite under ./data, the demo on', () => {
    expect(readConfig({})).toMatchObject({ PORT: 8080, NOBAT_DATA_DIR: './data', NOBAT_DEMO: 'on' });
    expect(readConfig({}).REDIS_URL).toBeUndefined();
    expect(readConfig({}).DATABASE_URL).toBeUndefined();
    expect(readConfig({}).NOBAT_ARCHIVE_INTERVAL_MS).toBe(60_000);
  });

  it('reads values and treats empty variables as unset', () => {
    const c = readConfig({ PORT: '9090', REDIS_URL: 'redis://127.0.0.1:6380', NOBAT_DEMO_PASSWORD: '' });
    expect(c).toMatchObject({ PORT: 9090, REDIS_URL: 'redis://127.0.0.1:6380' });
    expect(c.NOBAT_DEMO_PASSWORD).toBeUndefined();
  });

  it('[S9] REDIS_URL names one Redis, a Sentinel set or a Cluster; a malformed one is refused, saying why', () => {
    const bad = (env: Record<string, string>) => {
      try {
        readConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    for (const url of [
      'redis+sentinel://s1:26379,s2:26380,s3/mymaster',
      'rediss+sentinel://:secret@s1/mymaster/2?sentinelPassword=x',
      'redis+cluster://n1:7000,n2:7001,n3:7002',
    ]) {
      expect(readConfig({ REDIS_URL: url }).REDIS_URL).toBe(url);
    }
    expect(bad({ REDIS_URL: 'redis+sentinel://s1:26379' })).toMatch(/REDIS_URL: must name the master/);
    expect(bad({ REDIS_URL: 'redis+sentinel://s1:26379/m/x' })).toMatch(/REDIS_URL: the database must be a number/);
    expect(bad({ REDIS_URL: 'redis+cluster://n1:7000,,n2' })).toMatch(/REDIS_URL: bad host:port ""/);
    expect(bad({ REDIS_URL: 'redis+cluster://n1:99999' })).toMatch(/REDIS_URL: bad host:port "n1:99999"/);
    expect(bad({ REDIS_URL: 'redis+cluster://n1:7000/0' })).toMatch(/REDIS_URL: a cluster has no master name/);
    expect(bad({ REDIS_URL: 'redis+sentinel://s1/m?role=slave' })).toMatch(/REDIS_URL: unknown parameter role/);
    expect(bad({ REDIS_URL: 'redis+shard://n1' })).toMatch(/REDIS_URL: must start with redis:\/\//);
  });

  it('[S11] replica acknowledgement needs Redis and a wait shorter than the command timeout', () => {
    expect(readConfig({}).NOBAT_REDIS_MIN_REPLICAS).toBe(0);
    const c = readConfig({
      REDIS_URL: 'redis://r:6379',
      NOBAT_REDIS_MIN_REPLICAS: '1',
      NOBAT_REDIS_REPLICA_TIMEOUT_MS: '500',
    });
    expect(c).toMatchObject({ NOBAT_REDIS_MIN_REPLICAS: 1, NOBAT_REDIS_REPLICA_TIMEOUT_MS: 500 });
    expect(() => readConfig({ NOBAT_REDIS_MIN_REPLICAS: '1' })).toThrow(/NOBAT_REDIS_MIN_REPLICAS: needs REDIS_URL/);
    expect(() =>
      readConfig({
        REDIS_URL: 'redis://r:6379',
        NOBAT_REDIS_MIN_REPLICAS: '1',
        NOBAT_REDIS_REPLICA_TIMEOUT_MS: '5000',
        NOBAT_REDIS_TIMEOUT_MS: '5000',
      }),
    ).toThrow(/NOBAT_REDIS_REPLICA_TIMEOUT_MS: must be shorter than NOBAT_REDIS_TIMEOUT_MS/);
  });

  it('[SY3] a branch server needs both NOBAT_CENTRAL_URL and a link token, on its embedded store', () => {
    const token = 'sso-tehran-14.abcdefghijklmnopqrstuvwxyz012345';
    expect(readConfig({ NOBAT_CENTRAL_URL: 'https://centre.example', NOBAT_CENTRAL_TOKEN: token })).toMatchObject({
      NOBAT_CENTRAL_URL: 'https://centre.example',
      NOBAT_CENTRAL_TOKEN: token,
    });
    expect(() => readConfig({ NOBAT_CENTRAL_URL: 'https://centre.example' })).toThrow(
      /NOBAT_CENTRAL_TOKEN: NOBAT_CENTRAL_URL and NOBAT_CENTRAL_TOKEN go together/,
    );
    expect(() => readConfig({ NOBAT_CENTRAL_URL: 'https://centre.example', NOBAT_CENTRAL_TOKEN: 'no-dot' })).toThrow(
      /NOBAT_CENTRAL_TOKEN: must be the branch link token/,
    );
    expect(() =>
      readConfig({
        NOBAT_CENTRAL_URL: 'https://centre.example',
        NOBAT_CENTRAL_TOKEN: token,
        REDIS_URL: 'redis://r:6379',
      }),
    ).toThrow(/NOBAT_CENTRAL_URL: a branch server runs on its embedded store/);
  });

  it('[OP4][OP7] metrics on a port of their own (loopback by default); backups on a schedule need a folder', () => {
    const d = readConfig({});
    expect(d).toMatchObject({ NOBAT_METRICS_HOST: '127.0.0.1', NOBAT_BACKUP_KEEP: 14 });
    expect(d.NOBAT_METRICS_PORT).toBeUndefined();
    expect(d.NOBAT_BACKUP_EVERY_MINUTES).toBeUndefined();
    const c = readConfig({
      NOBAT_METRICS_PORT: '9464',
      NOBAT_METRICS_HOST: '10.0.0.5',
      NOBAT_BACKUP_DIR: '/var/backups/nobat',
      NOBAT_BACKUP_EVERY_MINUTES: '60',
      NOBAT_BACKUP_KEEP: '48',
    });
    expect(c).toMatchObject({
      NOBAT_METRICS_PORT: 9464,
      NOBAT_METRICS_HOST: '10.0.0.5',
      NOBAT_BACKUP_DIR: '/var/backups/nobat',
      NOBAT_BACKUP_EVERY_MINUTES: 60,
      NOBAT_BACKUP_KEEP: 48,
    });
    expect(() => readConfig({ NOBAT_BACKUP_EVERY_MINUTES: '60' })).toThrow(
      /NOBAT_BACKUP_EVERY_MINUTES: needs NOBAT_BACKUP_DIR/,
    );
    expect(() => readConfig({ NOBAT_BACKUP_DIR: '/b', NOBAT_BACKUP_KEEP: '0' })).toThrow(/NOBAT_BACKUP_KEEP/);
    expect(() => readConfig({ NOBAT_METRICS_PORT: '70000' })).toThrow(/NOBAT_METRICS_PORT/);
  });

  it('refuses a bad value with a message naming the variable', () => {
    const bad = (env: Record<string, string>) => {
      try {
        readConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(bad({ PORT: '70000' })).toMatch(/PORT/);
    expect(bad({ REDIS_URL: 'localhost:6379' })).toMatch(/REDIS_URL: must start with redis:\/\//);
    expect(bad({ DATABASE_URL: 'mysql://db/nobat' })).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(bad({ NOBAT_ARCHIVE_INTERVAL_MS: '5' })).toMatch(/NOBAT_ARCHIVE_INTERVAL_MS/);
    expect(readConfig({ DATABASE_URL: 'postgresql://u@db:5432/nobat' }).DATABASE_URL).toBe(
      'postgresql://u@db:5432/nobat',
    );
    expect(bad({ NOBAT_DEMO_PASSWORD: 'short' })).toMatch(/NOBAT_DEMO_PASSWORD/);
    expect(bad({ NOBAT_DEMO_DEVICE_KEY: 'short' })).toMatch(/NOBAT_DEMO_DEVICE_KEY/);
    expect(bad({ NOBAT_DEMO_PASSWORD: 'the-same-secret-1', NOBAT_DEMO_DEVICE_KEY: 'the-same-secret-1' })).toMatch(
      /NOBAT_DEMO_DEVICE_KEY: must not be the demo password/,
    );
    expect(bad({ LOG_LEVEL: 'loud', PORT: 'x' })).toMatch(/LOG_LEVEL[\s\S]*PORT|PORT[\s\S]*LOG_LEVEL/);
  });
});
