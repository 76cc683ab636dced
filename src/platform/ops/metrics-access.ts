import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; detail: string };

export interface MetricsRequest {
  /** The address the TCP connection came from (never a forwarded header). */
  socketAddress: string | undefined;
  authorization: string | undefined;
  /** Whether the request says it was passed on by a proxy (X-Forwarded-For or Forwarded). */
  forwarded: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as SHA-256 digests, so the comparison takes the same time whatever the token's length or content. */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return ip === '::1' || (isIP(ip) === 4 && ip.startsWith('127.'));
}

/**
 * Who may read /metrics. With CAIRN_METRICS_TOKEN set, whoever presents it as a bearer token. Without one, only a
 * scraper on the same machine: a request that came through a proxy is refused even from a loopback address, since a
 * proxy on the same host would otherwise hand the metrics to anyone on the internet.
 */
export function metricsAccess(request: MetricsRequest, token: string | null): MetricsAccess {
  if (token) {
    const match = /^Bearer (.+)$/i.exec(request.authorization?.trim() ?? '');
    if (match?.[1] && sameToken(match[1].trim(), token)) return { allowed: true };
    return { allowed: false, status: 401, detail: 'Send the metrics token as "Authorization: Bearer <token>".' };
  }
  if (isLoopback(request.socketAddress) && !request.forwarded) return { allowed: true };
  return { allowed: false, status: 403, detail: 'Metrics are served only to this machine. Set CAIRN_METRICS_TOKEN to scrape them from elsewhere.' };
}
