/** The answers a refused sign-in gets, the same for staff and for customers in the portal. */
import { AppError } from '../../../src-shared/result';
import { businessTime, businessDate, zoneAbbr } from '../../../src-shared/dates';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

/** `10:35 WIB on 2026-11-24`: a lock time as the people at the desk read clocks. */
export function formatLocalTime(app: AppContext, iso: string): string {
  const tz = getSettings(app).timeZone;
  const at = new Date(iso);
  return `${businessTime(at, tz)} ${zoneAbbr(tz)} on ${businessDate(at, tz)}`;
}

export const lockedError = (app: AppContext, until: Date) =>
  new AppError(
    'RATE_LIMITED',
    `Too many failed sign-ins from this device: this account is locked on it until ${formatLocalTime(app, until.toISOString())}`,
  );

export const slowedError = (seconds: number) =>
  new AppError('RATE_LIMITED', `Too many failed sign-ins on this account: try again in ${seconds} seconds`);

/** A throttle's refusal: locked on this device until a time, or slowed for some seconds. */
export const refusedError = (app: AppContext, verdict: { locked: Date } | { retryAfterSeconds: number }) =>
  'locked' in verdict ? lockedError(app, verdict.locked) : slowedError(verdict.retryAfterSeconds);
