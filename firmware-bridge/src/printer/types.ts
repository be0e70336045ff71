// The printer's contract with the rest of the bridge. The bridge core (bridge.ts) only sees this;
// everything about rendering, ESC/POS and transports lives behind it in src/printer/.
import { DeviceStatus, Id, type PrintJob, printerDeviceId } from '@nobat/protocol';
import { z } from 'zod';

/** 58 mm paper has 384 printable dots at 203 dpi, 80 mm has 576. */
export const PAPER_DOTS = { 58: 384, 80: 576 } as const;

export const PrinterTransportConfig = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('serial'),
    path: z.string().min(1),
    /** A ticket is a 35–65 KB image: 3–6 s at 115,200 baud, but 18–34 s at 19,200. */
    baudRate: z.number().int().positive().default(115200),
    /** Flow control the printer's serial port is set to; large images overrun printers without it. */
    flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
  }),
  z.strictObject({
    type: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.strictObject({ type: z.literal('usb-lp'), path: z.string().regex(/^\/dev\/usb\/lp\d+$/) }),
]);
export type PrinterTransportConfig = z.infer<typeof PrinterTransportConfig>;

export const PrinterConfig = z.strictObject({
  /** Reported to the server as the device id (default "printer-<kioskId>", the id the server reports). */
  deviceId: DeviceStatus.shape.deviceId.optional(),
  /** The kiosk whose tickets this printer prints. */
  kioskId: Id,
  /** Paper width: 58 mm paper has 384 dots, 80 mm has 576. */
  paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  transport: PrinterTransportConfig,
});
export type PrinterConfig = z.infer<typeof PrinterConfig>;

/** The device id a printer is reported by: its own, or the one the server uses for its kiosk's printer. */
export function printerId(p: Pick<PrinterConfig, 'deviceId' | 'kioskId'>): string {
  return p.deviceId ?? printerDeviceId(p.kioskId);
}

/** What a print or a status read found. `online` means ready. */
export interface PrinterOutcome {
  ok: boolean;
  status: DeviceStatus['status'];
  detail?: string;
}

export interface Printer {
  readonly config: PrinterConfig;
  /** Renders and prints the ticket, checking status before and after; never throws. */
  print(job: PrintJob): Promise<PrinterOutcome>;
  /** Reads the printer's status (DLE EOT); never throws (an unreachable printer is `offline`). */
  status(): Promise<PrinterOutcome>;
  close(): Promise<void>;
}
