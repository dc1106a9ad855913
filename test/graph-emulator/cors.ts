import type { RequestHandler } from 'express';

/**
 * Cross-origin access for what a browser app calls directly (the token
 * endpoint, discovery, Graph): any origin, the given methods and request
 * headers, and a preflight answered 204 without going further.
 */
export function cors(methods: string[], headers: string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin) return next();
    res.vary('Origin');
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS' || !req.get('access-control-request-method')) return next();
    res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
    res.setHeader('Access-Control-Allow-Headers', headers.join(', '));
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  };
}
