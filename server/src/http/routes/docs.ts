// The OpenAPI document, browsable at /api/docs with Swagger UI (@hono/swagger-ui). Its script and style
// sheet are served from this server's copy of swagger-ui-dist, not a CDN, and the page starts it from
// a script file rather than inline code, so the Content-Security-Policy stays 'self' only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { swaggerUI } from '@hono/swagger-ui';
import type { App } from '../context.ts';

const require = createRequire(import.meta.url);
const BASE = '/api/docs/assets';
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    dom_id: '#swagger-ui',
    url: '/api/openapi.json',
    deepLinking: true,
    persistAuthorization: false,
  });
});
`;

const cache = new Map<string, Buffer>();
function asset(name: string): Buffer {
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), name));
    cache.set(name, body);
  }
  return body;
}

export function docsRoutes(app: App): void {
  app.get(
    '/api/docs',
    swaggerUI({
      url: '/api/openapi.json',
      title: 'Nobat API',
      // The middleware would name a CDN; its assets are ours, under BASE (see the route below).
      baseUrl: BASE,
      manuallySwaggerUIHtml: (a) => `
        <div id="swagger-ui"></div>
        ${a.css.map((href) => `<link rel="stylesheet" href="${href}" />`).join('')}
        ${a.js.map((src) => `<script src="${src}"></script>`).join('')}
        <script src="${BASE}/init.js"></script>`,
    }),
  );
  app.get(`${BASE}/swagger-ui-dist/:file`, (c) => {
    const file = c.req.param('file');
    const type = FILES[file];
    if (!type) return c.notFound();
    return c.body(new Uint8Array(asset(file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  app.get(`${BASE}/init.js`, (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
}
