import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError, sendProblem } from './errors.js';

/** Methods that only read: a browser may send them from anywhere (they change nothing). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sec-Fetch-Site values of a request the app's own pages (or the user typing a URL) made. */
const OWN_SITES = new Set(['same-origin', 'none']);

/**
 * Why a state-changing request came from another site's page, or null when it did not.
 *
 * A web page can send a "simple" cross-site POST (no body, or a form) without a CORS preflight,
 * and the browser attaches no credentials we could check until accounts exist. What the browser
 * always attaches is where the request came from: `Origin` (every cross-origin POST/PATCH/DELETE)
 * and `Sec-Fetch-Site`. A request without either is not from a browser page (curl, scripts,
 * app.inject) and is served as before.
 */
export function crossSiteReason(req: Pick<FastifyRequest, 'method' | 'headers'>): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && !OWN_SITES.has(site.toLowerCase())) return `Sec-Fetch-Site is ${site.slice(0, 40)}`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (!sameOrigin(origin, req.headers.host)) return `Origin ${origin.slice(0, 100)} is not this server`;
  return null;
}

/** `Origin: http://127.0.0.1:3000` against `Host: 127.0.0.1:3000` (an opaque origin, "null", never matches). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host.toLowerCase() === host.toLowerCase();
}

/** Refuses every state change that another site's page sent (403 problem+json), before any handler runs. */
export function installCrossSiteGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const reason = crossSiteReason(req);
    if (reason) {
      return sendProblem(reply, new ProblemError(403, 'Forbidden',
        `Rapport only accepts changes from its own pages (${reason}); nothing was changed.`));
    }
  });
}
