// A bridge's bus as the bridge sees it (firmware-bridge/PROTOCOL.md, section 9 "Bus report", rules
// BUS1–BUS4): for every address it watches, whether a device answers, is silent, seems to be two devices
// answering at once, or answers without being configured; and the test actions a supervisor can run
// through the bridge (an LED's test pattern, a test ticket on a kiosk's printer).
import { z } from 'zod';
import { Id } from './model.ts';
import { DeviceStatusKind } from './realtime.ts';

/**
 * `answers`: the last exchange was answered. `silent`: offline (no answer to `offlineAfterMisses`
 * frames in a row), or never answered. `collision`: two devices seem to answer this address (BUS2).
 * `unexpected`: a device answered a scan at an address the configuration does not list (BUS3).
 */
export const BusAddressState = z.enum(['answers', 'silent', 'collision', 'unexpected']);
export type BusAddressState = z.infer<typeof BusAddressState>;

/** Why an address is taken for two devices (BUS2). */
export const CollisionSign = z.enum(['garbled', 'identities', 'type-mismatch']);
export type CollisionSign = z.infer<typeof CollisionSign>;

const Address = z.number().int().min(1).max(247);
const Count = z.number().int().min(0).max(1_000_000_000);
const Time = z.string().max(40);

export const BusConfiguredDevice = z.strictObject({
  kind: z.enum(['led', 'keypad']),
  deviceId: z.string().min(1).max(64),
  counterId: Id,
});
export type BusConfiguredDevice = z.infer<typeof BusConfiguredDevice>;

export const BusAddressReport = z.strictObject({
  address: Address,
  state: BusAddressState,
  /** The devices the bridge's configuration puts at this address (none: found by a scan). */
  configured: z.array(BusConfiguredDevice).max(8),
  /** What the device said it is in its last PING answer (null: it never answered one). */
  reported: z.strictObject({ display: z.boolean(), keypad: z.boolean() }).nullable(),
  /** Firmware version from the PING answer (PROTOCOL.md, PING `VER`); null: never answered. */
  firmware: z.number().int().min(0).max(255).nullable(),
  /** When the address last answered a frame (ISO time, the bridge's clock); null: never. */
  lastAnswerAt: Time.nullable(),
  /** Frames in a row it has not answered (0 while it answers). */
  consecutiveFailures: Count,
  /** Frames it answered, and frames it did not, since the bridge started. */
  answered: Count,
  missed: Count,
  /** Damaged frames (bad CRC, bad length, bad escape) received while waiting for its answer. */
  garbled: Count,
  /** Present when state is `collision`: what gave it away (BUS2). */
  collision: z.array(CollisionSign).max(3).optional(),
});
export type BusAddressReport = z.infer<typeof BusAddressReport>;

export const BusLineReport = z.strictObject({
  id: z.string().min(1).max(64),
  path: z.string().max(300),
  /** The serial port is open. */
  open: z.boolean(),
  /** Damaged frames seen on the line, whoever they were for. */
  noise: Count,
  addresses: z.array(BusAddressReport).max(247),
  /** When the last scan of the address range ended (BUS3); absent: never scanned. */
  scannedAt: Time.optional(),
});
export type BusLineReport = z.infer<typeof BusLineReport>;

/** Sent by a bridge on every connect and whenever a state in it changes (`bus:report`). */
export const BusReport = z.strictObject({
  /** When the bridge made it (its own clock). */
  at: Time,
  buses: z.array(BusLineReport).max(16),
  /** The kiosks' printers the bridge drives (their test print). */
  printers: z
    .array(z.strictObject({ deviceId: z.string().min(1).max(64), kioskId: Id, status: DeviceStatusKind.nullable() }))
    .max(64),
});
export type BusReport = z.infer<typeof BusReport>;

/** GET …/bridges/{deviceId}/bus: the latest report and whether the bridge is connected now. */
export const BridgeBusView = z.strictObject({
  deviceId: Id,
  branchId: Id,
  connected: z.boolean(),
  /** When the server received the report (its clock); null with `report` null: none yet. */
  receivedAt: Time.nullable(),
  report: BusReport.nullable(),
});
export type BridgeBusView = z.infer<typeof BridgeBusView>;

/** POST …/bridges/{deviceId}/test: what to test. */
export const BridgeTestRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('led-pattern'),
    address: Address,
    /** How long the pattern is shown (default LED_TEST_SECONDS); then the LED shows its content again. */
    seconds: z.number().int().min(1).max(30).optional(),
    /** The bus, when the bridge has more than one (default: the one whose configuration has the address). */
    busId: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ kind: z.literal('test-print'), kioskId: Id }),
  /** PING every free address of the range once (BUS3); the report lists what answered. */
  z.strictObject({
    kind: z.literal('scan'),
    busId: z.string().min(1).max(64).optional(),
    from: Address.optional(),
    to: Address.optional(),
  }),
]);
export type BridgeTestRequest = z.infer<typeof BridgeTestRequest>;

/** The bridge's answer to a test: ok, or why not. */
export const BridgeTestResult = z.strictObject({
  ok: z.boolean(),
  /** Why it failed: the device does not answer, the bridge has no such device, the device refused. */
  reason: z.enum(['device-offline', 'unknown-device', 'refused']).optional(),
  /** A printer's status after the test print. */
  status: DeviceStatusKind.optional(),
  detail: z.string().max(300).optional(),
});
export type BridgeTestResult = z.infer<typeof BridgeTestResult>;

/** What an LED shows as its test pattern (BUS4): every segment lit, blinking. */
export const LED_TEST_PATTERN = '8888';
/** How long the test pattern is shown before the LED goes back to its content (BUS4). */
export const LED_TEST_SECONDS = 5;
