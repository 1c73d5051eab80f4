import type { AppContext } from '../context';

/** Where the customer portal listens now (set by the host that runs it), for the Settings screen's QR code. */
export interface PortalStatus {
  url: string | null;
  error: string | null;
}

export function setPortalStatus(app: AppContext, status: PortalStatus): void {
  app.services.portalStatus = status;
}

export function portalStatus(app: AppContext): PortalStatus {
  const s = app.services.portalStatus as PortalStatus | undefined;
  return s ?? { url: null, error: null };
}
