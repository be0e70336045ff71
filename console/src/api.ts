// The console's one REST client (the session cookie signs every call). A 401 on any call but the
// sign-in itself means the session is over (expired, signed out elsewhere, the account disabled):
// the app goes back to the sign-in page and says so.
import { createRestClient } from '@nobat/client';
import {
  AuditPage as AuditPageSchema,
  BranchListItem as BranchListItemSchema,
  ChangeStamp,
  ConfigEnvelope as ConfigEnvelopeSchema,
  CreatedDevice as CreatedDeviceSchema,
  DeviceView as DeviceViewSchema,
  OrganisationView as OrganisationViewSchema,
  ProvincialOfficeView as ProvincialOfficeViewSchema,
  UserView as UserViewSchema,
} from '@nobat/protocol';
import { z } from 'zod';

let onSessionEnded: () => void = () => {};
/** Who to tell when the server says the session is gone. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

export const api = createRestClient({
  fetch: async (input, init) => {
    const res = await fetch(input, { ...init, credentials: 'same-origin' });
    const url = String(input);
    if (res.status === 401 && !url.includes('/api/v1/auth/login') && !url.includes('/api/v1/auth/password')) {
      onSessionEnded();
    }
    return res;
  },
});

// Records written before changes were stamped (and servers before the admin API's versioned views)
// answer without a stamp or a version: read as "no stamp", never as a broken answer.
const stamp = ChangeStamp.nullable().default(null);
export const ConfigEnvelope = ConfigEnvelopeSchema.extend({ changed: stamp });
export const BranchListItem = BranchListItemSchema.extend({ changed: stamp });
export const OrganisationView = OrganisationViewSchema.extend({ changed: stamp });
export const ProvincialOfficeView = ProvincialOfficeViewSchema.extend({ changed: stamp });
export const UserView = UserViewSchema.extend({ changed: stamp, version: z.number().int().default(0) });
export const DeviceView = DeviceViewSchema.extend({
  createdAt: z.string().nullable().default(null),
  lastSeenAt: z.string().nullable().default(null),
});
export const CreatedDevice = CreatedDeviceSchema.extend({
  device: DeviceView,
  pairingUrl: z.string().nullable().default(null),
});
export const AuditPage = AuditPageSchema;
export const Ok = z.object({ ok: z.literal(true) });

export type ConfigEnvelope = z.infer<typeof ConfigEnvelope>;
export type BranchListItem = z.infer<typeof BranchListItem>;
export type OrganisationView = z.infer<typeof OrganisationView>;
export type ProvincialOfficeView = z.infer<typeof ProvincialOfficeView>;
export type UserView = z.infer<typeof UserView>;
export type DeviceView = z.infer<typeof DeviceView>;
export type CreatedDevice = z.infer<typeof CreatedDevice>;
