// The desk's REST client: the shared one, on the page's own origin. The session travels in its
// HttpOnly cookie (no script can read it, so none keeps it); every failure is an ApiError with the
// server's own explanation in Persian and English.
import { createRestClient } from '@nobat/client';

export const rest = createRestClient();
