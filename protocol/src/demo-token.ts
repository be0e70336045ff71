// The demo office's device tokens, derived from a device key of their own (NOBAT_DEMO_DEVICE_KEY), so
// scripts, the device simulator and tests can know them. Never from a password: a kiosk's token is
// on show in its address bar, and must not let anyone test guesses at a password offline. Node only
// (node:crypto): a subpath of its own, kept out of what browsers load.
import { createHmac } from 'node:crypto';

export function demoDeviceToken(deviceKey: string, deviceId: string): string {
  return `${deviceId}.${createHmac('sha256', deviceKey).update(`nobat-demo-device:${deviceId}`).digest('base64url')}`;
}
