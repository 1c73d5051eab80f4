import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (never a downloaded browser), quiet: no background networking, updates or sync. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
