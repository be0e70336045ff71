// The committed voice pack, measured from its samples: each clip is trimmed to the voice, and a call
// said from its clips lasts about as long as a person would take to say it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WaveFile } from 'wavefile';
import { CLIP_WORDS, type ClipId, callClips, playable, say, spokenLength } from '../src/speech.ts';

const pack = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'voice', 'fa');
const files = new Set(readdirSync(pack).filter((f) => f.endsWith('.wav')));
const has = (clip: ClipId) => files.has(`${clip}.wav`);

/** A clip's samples as numbers in [-1, 1], and its sample rate (the pack is mono integer PCM). */
function samples(clip: ClipId): { rate: number; data: Float64Array } {
  const wav = new WaveFile(readFileSync(join(pack, `${clip}.wav`)));
  const fmt = wav.fmt as { audioFormat: number; sampleRate: number; numChannels: number; bitsPerSample: number };
  expect([fmt.audioFormat, fmt.numChannels], clip).toEqual([1, 1]);
  const full = 2 ** (fmt.bitsPerSample - 1);
  const data = (wav.getSamples(false, Float64Array) as unknown as Float64Array).map((s) => s / full);
  return { rate: fmt.sampleRate, data };
}

/** A clip's length in seconds, from its samples. */
const seconds = (clip: ClipId) => {
  const { rate, data } = samples(clip);
  return data.length / rate;
};

/** Silence is anything below 1 % of full scale (-40 dBFS). */
const SILENT = 0.01;

describe('the default voice pack', () => {
  it('has a clip for every word a call can say', () => {
    const needed = [...Object.keys(CLIP_WORDS).filter((c) => c === 'chime' || CLIP_WORDS[c])];
    for (const l of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') needed.push(`letter-${l}`);
    expect(needed.filter((c) => !has(c))).toEqual([]);
  });

  it('no clip has more than 60 ms of silence before or after its sound', () => {
    const padded: string[] = [];
    for (const file of files) {
      const clip = file.slice(0, -'.wav'.length);
      const { rate, data } = samples(clip);
      const first = data.findIndex((s) => Math.abs(s) >= SILENT);
      const last = data.findLastIndex((s) => Math.abs(s) >= SILENT);
      expect(first, `${clip} has sound`).toBeGreaterThanOrEqual(0);
      const lead = first / rate;
      const trail = (data.length - 1 - last) / rate;
      if (lead > 0.06 || trail > 0.06) padded.push(`${clip}: ${lead.toFixed(3)} s before, ${trail.toFixed(3)} s after`);
    }
    expect(padded).toEqual([]);
  });

  it.each([
    ['1001', 1, 'شماره هزار‌و یک باجه یک', 4.5],
    ['1042', 3, 'شماره هزار‌و چهل‌و دو باجه سه', 5],
    ['7', 3, 'شماره هفت باجه سه', 3.5],
    ['A007', 12, 'شماره A هفت باجه دوازده', 4.5],
    ['2305', 6, 'شماره دو هزار‌و سیصد‌و پنج باجه شش', 5.5],
  ])('a call of %s at counter %i («%s», with its chime) sounds in at most %d s', (number, counter, words, most) => {
    const clips = callClips(number, counter);
    expect(say(clips).replace('letter-', '')).toBe(words);
    expect(clips.filter((c) => !has(c))).toEqual([]);
    expect(spokenLength(playable(clips, has), seconds)).toBeLessThanOrEqual(most);
  });
});
