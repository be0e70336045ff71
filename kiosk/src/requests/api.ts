// The public request routes as the status page calls them: the status (POST, so the national ID
// stays out of addresses and logs), and the response notice as a PDF (which records its delivery).
import { createRestClient } from '@nobat/client';
import { type Lang, RequestStatus } from '@nobat/protocol';

const rest = createRestClient({ timeoutMs: 10_000 });

export const statusOf = (code: string, nationalId: string) =>
  rest.post(RequestStatus, '/api/v1/public/requests/status', { code, nationalId });

/** The response notice's PDF in the page's language, as a file to save (recorded as delivered, RQ12). */
export async function responseFile(code: string, nationalId: string, lang: Lang): Promise<Blob> {
  const res = await rest.raw('POST', '/api/v1/public/requests/response', {
    body: { code, nationalId },
    query: { lang },
    headers: { accept: 'application/pdf' },
  });
  return res.blob();
}
