// Generates the default voice pack: one WAV per clip of src/speech.ts, spoken by espeak-ng's
// Persian voice, and a two-tone chime synthesised here. Run it when the clip list changes
// (`npm run voice-pack -w display`, needs `espeak-ng`); the generated files are committed, so
// building and running need no speech engine. An office replaces any file with its own recording
// of the same words (same file name), or points its screens at its own pack with ?voice=<url>.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIP_WORDS } from '../src/speech.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'voice', 'fa');
mkdirSync(out, { recursive: true });

function speak(file: string, text: string, voice = 'fa') {
  const r = spawnSync('espeak-ng', ['-v', voice, '-s', '140', '-a', '180', '-w', join(out, file), text]);
  if (r.status !== 0) throw new Error(`espeak-ng failed for ${file}: ${r.stderr}`);
}

for (const [clip, words] of Object.entries(CLIP_WORDS)) if (words) speak(`${clip}.wav`, words);
for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') speak(`letter-${letter}.wav`, letter, 'en');

/** A soft two-note chime (E5 then C5), 16-bit mono PCM. */
function chime(rate = 22_050): Buffer {
  const notes = [
    [659.25, 0.35],
    [523.25, 0.55],
  ] as const;
  const samples: number[] = [];
  for (const [freq, seconds] of notes) {
    const n = Math.round(rate * seconds);
    for (let i = 0; i < n; i++) {
      const t = i / rate;
      const envelope = Math.exp(-3.2 * t) * Math.min(1, i / (rate * 0.01));
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
