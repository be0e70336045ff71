// The desk's keyboard shortcuts. Keys are matched by their physical position (`KeyboardEvent.code`),
// so they work whether the clerk's keyboard is on the Persian or the English layout.

export type DeskCommand =
  | 'next'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'transfer'
  | 'park'
  | 'callTicket'
  | 'pause'
  | 'documents'
  | 'day'
  | 'checkIn'
  | 'makeRequest'
  | 'requests'
  | 'help';

/** Each shortcut: the physical key, the letter printed on it (English layout), and the command. */
export const SHORTCUTS: readonly { code: string; label: string; command: DeskCommand }[] = [
  { code: 'KeyN', label: 'N', command: 'next' },
  { code: 'KeyR', label: 'R', command: 'recall' },
  { code: 'KeyS', label: 'S', command: 'start' },
  { code: 'KeyF', label: 'F', command: 'finish' },
  { code: 'KeyX', label: 'X', command: 'noShow' },
  { code: 'KeyT', label: 'T', command: 'transfer' },
  { code: 'KeyH', label: 'H', command: 'park' },
  { code: 'KeyC', label: 'C', command: 'callTicket' },
  { code: 'KeyP', label: 'P', command: 'pause' },
  { code: 'KeyD', label: 'D', command: 'documents' },
  { code: 'KeyG', label: 'G', command: 'day' },
  { code: 'KeyA', label: 'A', command: 'checkIn' },
  { code: 'KeyM', label: 'M', command: 'makeRequest' },
  { code: 'KeyL', label: 'L', command: 'requests' },
  { code: 'Slash', label: '?', command: 'help' },
];

export const labelOf = (command: DeskCommand): string => SHORTCUTS.find((s) => s.command === command)?.label ?? '';

export interface KeyLike {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  /** True when the key goes to a text field, a select or a dialog's control. */
  editing: boolean;
}

/** The command a key press means, or null: typing in a field, held keys and modified keys mean nothing. */
export function commandFor(e: KeyLike): DeskCommand | null {
  if (e.editing || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return null;
  return SHORTCUTS.find((s) => s.code === e.code)?.command ?? null;
}
