import type { Request } from 'express';

/** The client's address for security logs; honours `TRUST_PROXY` through Express's `req.ip`. */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
