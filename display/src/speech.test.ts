import { describe, expect, it } from 'vitest';
import { Announcer, CLIP_WORDS, callClips, clipParts, numberClips, playable, say, schedule } from './speech.ts';

describe('Persian numbers as clips', () => {
  it.each([
    [7, 'هفت', ['n7']],
    [15, 'پانزده', ['n15']],
    [120, 'صد‌و بیست', ['n100-o', 'n20']],
    [1042, 'هزار‌و چهل‌و دو', ['thousand-o', 'n40-o', 'n2']],
    [2305, 'دو هزار‌و سیصد‌و پنج', ['n2', 'thousand-o', 'n300-o', 'n5']],
    [30_001, 'سی هزار‌و یک', ['n30', 'thousand-o', 'n1']],
    [31_000, 'سی‌و یک هزار', ['n30-o', 'n1', 'thousand']],
  ])('%i is said «%s», «و» joined to the word before it', (n, words, clips) => {
    expect(numberClips(n)).toEqual(clips);
    expect(say(numberClips(n))).toBe(words);
  });

  it('says the other shapes of numbers right', () => {
    expect(say(numberClips(0))).toBe('صفر');
    expect(say(numberClips(10))).toBe('ده');
    expect(say(numberClips(100))).toBe('صد');
    expect(say(numberClips(1000))).toBe('هزار');
    expect(say(numberClips(1001))).toBe('هزار‌و یک');
    expect(say(numberClips(1999))).toBe('هزار‌و نهصد‌و نود‌و نه');
    expect(say(numberClips(12_000))).toBe('دوازده هزار');
    expect(say(numberClips(99_999))).toBe('نود‌و نه هزار‌و نهصد‌و نود‌و نه');
    expect(() => numberClips(-1)).toThrow(RangeError);
    expect(() => numberClips(1.5)).toThrow(RangeError);
  });

  it('every clip a number up to 99,999 uses is in the pack', () => {
    for (let n = 0; n <= 99_999; n += 7) for (const c of numberClips(n)) expect(CLIP_WORDS).toHaveProperty(c);
  });

  it('a call is chime, «شماره», the number, «باجه», the counter', () => {
    expect(callClips('1042', 3)).toEqual(['chime', 'number', 'thousand-o', 'n40-o', 'n2', 'counter', 'n3']);
    expect(say(callClips('1042', 3))).toBe('شماره هزار‌و چهل‌و دو باجه سه');
    expect(callClips('A007', 12)).toEqual(['chime', 'number', 'letter-A', 'n7', 'counter', 'n12']);
  });
});

describe('a call as one sentence', () => {
  it('the words of a number follow one another closely; a breath after the chime and before «باجه»', () => {
    const placed = schedule(callClips('1001', 1), () => 0.5);
    const gaps = placed.slice(1).map((p, i) => Number((p.at - (placed[i]?.end ?? 0)).toFixed(3)));
    // chime | شماره | هزار‌و | یک | باجه | یک
    expect(gaps).toEqual([0.12, 0.02, 0.02, 0.18, 0.02]);
    expect(placed.at(-1)?.end).toBeCloseTo(6 * 0.5 + 0.36);
  });

  it('a pack without the joined clips says the word and «و» with no pause; a missing clip is skipped', () => {
    expect(clipParts('thousand-o')).toEqual(['thousand', 'and']);
    expect(clipParts('n7')).toBeNull();
    const old = new Set(['chime', 'number', 'thousand', 'and', 'n40', 'n2', 'counter']);
    const clips = playable(callClips('1042', 3), (c) => old.has(c));
    expect(clips).toEqual(['chime', 'number', 'thousand', 'and', 'n40', 'and', 'n2', 'counter']);
    const placed = schedule(clips, () => 0.5);
    expect(placed[3]?.at).toBe(placed[2]?.end); // «و» right on «هزار»
  });

  it('every joined clip has its words with «و» attached', () => {
    expect(CLIP_WORDS['thousand-o']).toBe('هزار\u200cو');
    expect(CLIP_WORDS['n30-o']).toBe('سی\u200cو');
    expect(Object.keys(CLIP_WORDS).filter((c) => c.endsWith('-o'))).toHaveLength(18);
  });
});

describe('announcer', () => {
  /** A player that takes `ms` per sequence and records overlaps. */
  function slowPlayer(ms: number) {
    let sounding = 0;
    let overlaps = 0;
    const play = async () => {
      sounding++;
      if (sounding > 1) overlaps++;
      await new Promise((r) => setTimeout(r, ms));
      sounding--;
    };
    return { play, overlaps: () => overlaps };
  }

  it('speaks calls made back to back one after another, never overlapping, in order', async () => {
    const player = slowPlayer(20);
    const a = new Announcer(player.play);
    const calls = [7, 15, 120, 1042, 2305].map((n, i) => ({
      ticketId: `t${n}`,
      number: String(n),
      counterNumber: i + 1,
      version: i + 1,
    }));
    for (const c of calls) a.announce(c);
    expect(a.waiting).toBe(4); // the first is sounding
    await new Promise((r) => setTimeout(r, 200));
    expect(player.overlaps()).toBe(0);
    expect(a.played.map(say)).toEqual([
      'شماره هفت باجه یک',
      'شماره پانزده باجه دو',
      'شماره صد‌و بیست باجه سه',
      'شماره هزار‌و چهل‌و دو باجه چهار',
      'شماره دو هزار‌و سیصد‌و پنج باجه پنج',
    ]);
  });

  it('a recall is spoken again; the same call delivered twice is spoken once', async () => {
    const a = new Announcer(async () => {});
    const call = { ticketId: 't', number: '1042', counterNumber: 3, version: 10 };
    a.announce(call);
    a.announce(call); // e.g. re-sent after a reconnect
    a.announce({ ...call, version: 12 }); // the clerk recalls it
    await new Promise((r) => setTimeout(r, 10));
    expect(a.played).toHaveLength(2);
  });

  it('a clip that fails to play does not silence the calls after it', async () => {
    let n = 0;
    const a = new Announcer(async () => {
      n++;
      if (n === 1) throw new Error('audio device busy');
    });
    a.announce({ ticketId: 'a', number: '1', counterNumber: 1, version: 1 });
    a.announce({ ticketId: 'b', number: '2', counterNumber: 1, version: 2 });
    await new Promise((r) => setTimeout(r, 10));
    expect(n).toBe(2);
  });
});
