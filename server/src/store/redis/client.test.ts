import { describe, expect, it } from 'vitest';
import { parseRedisUrl, RedisUrlError } from './client.ts';

describe('[S9] REDIS_URL, parsed into one of three topologies', () => {
  it('one Redis: the URL as it is', () => {
    expect(parseRedisUrl('redis://:pw@10.0.0.5:6380/2')).toEqual({
      kind: 'standalone',
      url: 'redis://:pw@10.0.0.5:6380/2',
    });
    expect(parseRedisUrl('rediss://r.example')).toEqual({ kind: 'standalone', url: 'rediss://r.example' });
  });

  it('Sentinel: the sentinels (default port 26379), the master name, database, credentials', () => {
    expect(parseRedisUrl('redis+sentinel://app:p%40ss@s1:26379,s2,[::1]:26380/mymaster/3?sentinelPassword=sp')).toEqual(
      {
        kind: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
          { host: '::1', port: 26380 },
        ],
        name: 'mymaster',
        db: 3,
        username: 'app',
        password: 'p@ss',
        sentinelPassword: 'sp',
        tls: false,
      },
    );
  });

  it('Cluster: the nodes to start from (default port 6379)', () => {
    expect(parseRedisUrl('rediss+cluster://:pw@n1:7000,n2')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 6379 },
      ],
      password: 'pw',
      tls: true,
    });
  });

  it('refuses what it cannot read, saying what is wrong', () => {
    for (const [url, message] of [
      ['localhost:6379', /must start with/],
      ['redis://exa mple', /not a valid URL/],
      ['redis+sentinel://s1', /must name the master/],
      ['redis+sentinel://s1/m/1/2', /must name the master/],
      ['redis+sentinel://s1/m/db', /database must be a number/],
      ['redis+cluster://n1:7000/x', /a cluster has no master name/],
      ['redis+cluster://n1:0', /bad host:port "n1:0"/],
      ['redis+cluster://n_1', /bad host:port "n_1"/],
      ['redis+cluster://n1?x=1', /unknown parameter x/],
      ['redis+sentinel://%zz@s1/m', /bad percent-encoding/],
    ] as const) {
      expect(() => parseRedisUrl(url), url).toThrow(RedisUrlError);
      expect(() => parseRedisUrl(url), url).toThrow(message);
    }
  });
});
