// The console's one REST client (the session cookie signs every call). A 401 on any call but the
// sign-in itself means the session is over (expired, signed out elsewhere, the account disabled):
// the app goes back to the sign-in page and says so.
import { createRestClient } from '@nobat/client';

let onSessionEnded: () => void = () => {};
/** Who to tell when the server says the session is gone. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

/** fetch with the session cookie; a 401 (but for signing in or changing the password) ends the session. */
export const sessionFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, { ...init, credentials: 'same-origin' });
  const url = String(input);
  if (res.status === 401 && !url.includes('/api/v1/auth/login') && !url.includes('/api/v1/auth/password')) {
    onSessionEnded();
  }
  return res;
};

export const api = createRestClient({ fetch: sessionFetch });

export {
  AuditPage,
  BranchListItem,
  ConfigEnvelope,
  CreatedDevice,
  DeviceView,
  OkBody as Ok,
  OrganisationView,
  ProvincialOfficeView,
  UserView,
} from '@nobat/protocol';
