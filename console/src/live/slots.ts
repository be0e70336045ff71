// Places on the live floor for what another part of the console builds: the devices of the branch
// and its alerts (console/src/health). That module fills these in (registerFloorSlot); until then
// the floor leaves them out.
import type { Lang } from '@nobat/protocol';
import type { ComponentType } from 'preact';

export interface FloorSlotProps {
  branchId: string;
  lang: Lang;
  /** The wall-screen mode: larger, no actions. */
  wall: boolean;
}

export type FloorSlotName = 'devices' | 'alerts';

const slots: Partial<Record<FloorSlotName, ComponentType<FloorSlotProps>>> = {};

/** Puts a component in one of the floor's slots (the devices column, the alerts strip). */
export function registerFloorSlot(name: FloorSlotName, component: ComponentType<FloorSlotProps>): void {
  slots[name] = component;
}

export function floorSlot(name: FloorSlotName): ComponentType<FloorSlotProps> | undefined {
  return slots[name];
}
