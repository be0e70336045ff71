// Headers on every answer (the apps, the tracking page, the API): a Content-Security-Policy that fits
// the Vite-built apps — scripts, styles, fonts and voice clips from this server only, Socket.IO to
// this server only, nothing inline — no framing by any page (clickjacking the desk), no MIME sniffing,
// no Referer (a tracking page's address is its ticket's secret), and no camera, microphone or place.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // The apps' icon is `data:,`; the kiosk's QR code is inline SVG markup (no image fetched).
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  // REST and Socket.IO (polling and WebSocket) to this origin only; the hall screen's voice clips
  // are fetched and decoded with Web Audio.
  connectSrc: ["'self'"],
  mediaSrc: ["'self'", 'blob:', 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // Browsers heed it only over HTTPS; no includeSubDomains: other services of the office's domain
    // are not this server's to decide for.
    strictTransportSecurity: 'max-age=15552000',
    permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false },
  });
}
