/**
 * One Content-Security-Policy for both hosts: everything is bundled (the app runs offline), so only
 * our own origin may serve scripts, styles, fonts and images; data: for the ISP logo and charts.
 * Mantine injects style tags at runtime, hence 'unsafe-inline' for styles only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `*.map` (any case): neither host serves source maps. */
export const isSourceMap = (file: string) => /\.map$/i.test(file);
