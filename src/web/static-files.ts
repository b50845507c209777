import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { projectRoot } from '../common/project-root.js';

/**
 * The workspace's own stylesheet and script, and the two libraries it uses, served by the
 * service itself: no CDN, so it works on a commune's LAN without internet.
 */
export function staticFiles(): [string, RequestHandler][] {
  const root = projectRoot();
  const file =
    (path: string): RequestHandler =>
    (_req, res) =>
      res.sendFile(path, { maxAge: '1d', headers: { 'X-Content-Type-Options': 'nosniff' } });
  return [
    ['/static/vendor/pico.min.css', file(join(root, 'node_modules/@picocss/pico/css/pico.min.css'))],
    ['/static/vendor/htmx.min.js', file(join(root, 'node_modules/htmx.org/dist/htmx.min.js'))],
    [
      '/static',
      express.static(join(root, 'templates/web/static'), { maxAge: '1h', index: false, fallthrough: false }),
    ],
  ];
}
