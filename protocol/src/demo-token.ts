// The demo office's device tokens, derived from its password so scripts, the device simulator and
// tests can know them. Node only (node:crypto): a subpath of its own, kept out of what browsers load.
import { createHmac } from 'node:crypto';

export function demoDeviceToken(password: string, deviceId: string): string {
  return `${deviceId}.${createHmac('sha256', password).update(`nobat-demo-device:${deviceId}`).digest('base64url')}`;
}
