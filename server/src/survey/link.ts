// [SU1] The survey page of a ticket. The ticket's id is its secret (96 random bits, the same the
// tracking page /t/<id> is reached with), so the link needs nothing else; no personal data in it.
export function surveyUrl(publicUrl: string, ticketId: string): string {
  return `${publicUrl}/s/${encodeURIComponent(ticketId)}`;
}
