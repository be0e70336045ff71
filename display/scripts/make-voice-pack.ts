// Generates the default voice pack: one WAV per clip of src/speech.ts, spoken by espeak-ng's
// Persian voice and trimmed by sox to the voice itself (espeak leaves ~0.4 s of silence after each
// word, which made a call twice as long as speech), and a two-tone chime synthesised here. Run it
// when the clip list changes (`npm run voice-pack -w display`, needs the Debian packages
// `espeak-ng` and `sox`); the generated files are committed, so building, running and CI need
// neither. An office replaces any file with its own recording of the same words (same file name,
// trimmed the same way), or points its screens at its own pack with ?voice=<url>.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIP_WORDS, clipParts } from '../src/speech.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'voice', 'fa');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'nobat-voice-'));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Cuts the silence before and after the voice (below 0.5 % of full scale; sox's `silence` effect
 * from both ends), then fades the last 15 ms so the cut does not click.
 */
function trim(from: string, to: string) {
  const cut = join(work, 'cut.wav');
  run('sox', [from, cut, 'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse']);
  const seconds = Number(run('soxi', ['-D', cut]));
  run('sox', [cut, to, 'fade', 'h', '0.003', String(seconds), '0.015']);
}

function speak(clip: string, input: string, voice = 'fa') {
  const raw = join(work, 'raw.wav');
  run('espeak-ng', ['-v', voice, '-s', '140', '-a', '180', '-w', raw, input]);
  trim(raw, join(out, `${clip}.wav`));
}

/**
 * What espeak-ng is given for a clip. A joined clip is given as phonemes, the word's own with «و»
 * read as Persian joins it: «-o» after a consonant (هزار‌و, hezâr-o), «-yo» after a vowel (سی‌و,
 * si-yo); given as text, espeak says the «و» apart, as «va».
 */
function input(clip: string, words: string): string {
  const parts = clipParts(clip);
  if (!parts) return clip === 'and' ? '[[o]]' : words;
  const word = CLIP_WORDS[parts[0] ?? ''] ?? '';
  const phonemes = run('espeak-ng', ['-v', 'fa', '-q', '-x', word]).trim().replace(/:$/, '');
  return `[[${phonemes}${/[aeiouAEIOU]$/.test(phonemes) ? 'jo' : 'o'}]]`;
}

for (const [clip, words] of Object.entries(CLIP_WORDS)) if (words) speak(clip, input(clip, words));
for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') speak(`letter-${letter}`, letter, 'en');
rmSync(work, { recursive: true, force: true });

/** A soft two-note chime (E5 then C5), 16-bit mono PCM, short enough not to hold the call back. */
function chime(rate = 22_050): Buffer {
  const notes = [
    [659.25, 0.25],
    [523.25, 0.45],
  ] as const;
  const samples: number[] = [];
  for (const [freq, seconds] of notes) {
    const n = Math.round(rate * seconds);
    for (let i = 0; i < n; i++) {
      const t = i / rate;
      // Rises in 10 ms, decays, and fades out over its last 50 ms so it ends on silence, not a cut.
      const envelope = Math.exp(-4.5 * t) * Math.min(1, i / (rate * 0.01), (n - i) / (rate * 0.05));
      samples.push(Math.sin(2 * Math.PI * freq * t) * envelope * 0.6);
    }
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => {
    data.writeInt16LE(Math.round(s * 32767), i * 2);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
writeFileSync(join(out, 'chime.wav'), chime());
console.log(`voice pack written to ${out}`);
