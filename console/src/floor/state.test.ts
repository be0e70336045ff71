import { ApiError } from '@nobat/client';
import type { ConfigEnvelope } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { updateService } from './draft.ts';
import { type FloorState, floorReducer, initialFloorState, isDirty, placeOf, unplacedIssues } from './state.ts';
import { testConfig } from './test-config.ts';

const envelope = (version: number): ConfigEnvelope => ({ version, changed: null, config: testConfig() });
const loaded = (): FloorState => floorReducer(initialFloorState, { type: 'loaded', envelope: envelope(4) });
const capTo = (n: number) => ({
  type: 'edit' as const,
  edit: (c: ConfigEnvelope['config']) => updateService(c, 0, (s) => ({ ...s, dailyCap: n })),
});

describe('the floor plan state', () => {
  it('is clean when loaded, dirty after an edit, clean again when the edit is undone or discarded', () => {
    const s = loaded();
    expect(isDirty(s)).toBe(false);
    const edited = floorReducer(s, capTo(50));
    expect(isDirty(edited)).toBe(true);
    expect(
      isDirty(
        floorReducer(edited, { type: 'edit', edit: (c) => updateService(c, 0, (x) => ({ ...x, dailyCap: null })) }),
      ),
    ).toBe(false);
    const discarded = floorReducer(edited, { type: 'discard' });
    expect(isDirty(discarded)).toBe(false);
    expect(discarded.notice).toBe('discarded');
  });

  it('a refused save keeps every edit and the version it was made on', () => {
    const edited = floorReducer(floorReducer(loaded(), capTo(50)), { type: 'saving' });
    const error = new ApiError(422, 'invalid-config', { fa: 'نادرست', en: 'Invalid' }, [
      { path: 'services.0.dailyCap', message: 'Too big' },
    ]);
    const refused = floorReducer(edited, { type: 'refused', error });
    expect(refused.draft?.services[0]?.dailyCap).toBe(50);
    expect(refused.base?.version).toBe(4);
    expect(refused.saving).toBe(false);
    expect(refused.error).toBe(error);
    expect(refused.conflict).toBeNull();
    expect(isDirty(refused)).toBe(true);
  });

  it('a stale save records who changed it and keeps the draft; only a reload replaces it', () => {
    const changed = { by: { id: 'u2', name: 'مریم' }, at: '2026-12-02T07:05:00.000Z' };
    const error = new ApiError(409, 'version-conflict', { fa: 'تغییر کرده', en: 'Changed' }, [], undefined, {
      version: 5,
      changed,
    });
    const s = floorReducer(floorReducer(loaded(), capTo(50)), { type: 'refused', error });
    expect(s.conflict).toEqual({ version: 5, changed });
    expect(s.draft?.services[0]?.dailyCap).toBe(50);
    // Dismissing the banner does not forget the conflict: saving stays blocked until a reload.
    expect(floorReducer(s, { type: 'dismiss' }).conflict).not.toBeNull();
    const reloaded = floorReducer(s, { type: 'loaded', envelope: envelope(5) });
    expect(reloaded.conflict).toBeNull();
    expect(reloaded.base?.version).toBe(5);
    expect(isDirty(reloaded)).toBe(false);
  });

  it('a conflict without details (an older server) still blocks', () => {
    const error = new ApiError(409, 'version-conflict', { fa: 'x', en: 'x' });
    expect(floorReducer(loaded(), { type: 'refused', error }).conflict).toEqual({ version: 4, changed: null });
  });

  it('a save or import accepted becomes the new base', () => {
    const s = floorReducer(floorReducer(loaded(), capTo(50)), { type: 'saving' });
    const saved = floorReducer(s, {
      type: 'saved',
      envelope: { ...envelope(5), config: s.draft as ConfigEnvelope['config'] },
    });
    expect(saved.base?.version).toBe(5);
    expect(isDirty(saved)).toBe(false);
    expect(saved.notice).toBe('saved');
    expect(floorReducer(s, { type: 'imported', envelope: envelope(9) }).base?.version).toBe(9);
  });
});

describe('where a refused field is on the page', () => {
  it('routes zod paths to tabs, sub-services and sections', () => {
    expect(placeOf('services.2.numbering.to')).toEqual({ tab: 'services', service: 2, section: 'general' });
    expect(placeOf('services.0.info.fees.1.amountRials')).toEqual({ tab: 'services', service: 0, section: 'info' });
    expect(placeOf('services.3.workflow.0.title')).toEqual({ tab: 'services', service: 3, section: 'workflow' });
    expect(placeOf('counters.1.services')).toEqual({ tab: 'counters' });
    expect(placeOf('groups.0.title.fa')).toEqual({ tab: 'groups' });
    expect(placeOf('priorities')).toEqual({ tab: 'priorities' });
    expect(placeOf('branch.openingHours.1.close')).toBeNull();
    expect(placeOf('')).toBeNull();
  });
  it('leaves for the banner what no field here shows', () => {
    const error = new ApiError(422, 'invalid-config', { fa: 'x', en: 'x' }, [
      { path: '', message: 'services "a" and "b" have overlapping ticket numbers' },
      { path: 'services.0.title.fa', message: 'Too small' },
      { path: 'branch.timeZone', message: 'unknown IANA time zone' },
    ]);
    expect(unplacedIssues(error).map((i) => i.path)).toEqual(['', 'branch.timeZone']);
  });
});
