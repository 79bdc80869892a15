import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { RouteHandler } from '@thidua/common';
import { PORTAL_HEADERS } from './security-headers';

/** Where `npm run build:web` puts the portal. */
export const WEB_DIST_DIR = process.env.WEB_DIST_DIR ?? path.resolve(__dirname, '../../web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

function send(res: ServerResponse, file: string, cache: string): void {
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache, ...PORTAL_HEADERS });
  createReadStream(file).pipe(res);
}

/**
 * Serves the built portal: hashed bundles under /static/ are cached for a year; any other path is a page of the
 * single-page app and gets index.html (never cached, so a new build is seen at once).
 */
export function webRoute(distDir: string = WEB_DIST_DIR): RouteHandler {
  const root = path.resolve(distDir);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...PORTAL_HEADERS }).end();
      return;
    }
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PORTAL_HEADERS }).end('The web portal is not built: run `npm run build:web`.\n');
      return;
    }
    const urlPath = decodeURIComponent((req.url ?? '/').split('?', 1)[0]!);
    const file = path.resolve(root, `.${urlPath}`);
    const inside = file.startsWith(`${root}${path.sep}`);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      send(res, file, urlPath.startsWith('/static/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    if (urlPath.startsWith('/static/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PORTAL_HEADERS }).end('not found\n');
      return;
    }
    send(res, index, 'no-cache');
  };
}
