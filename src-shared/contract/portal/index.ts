import type { z } from 'zod';
import { portalAccountContract } from './account';
import { portalPayContract } from './pay';
import { portalPushContract } from './push';
import { portalTicketsContract } from './tickets';
import { portalUsageContract } from './usage';

/** Every channel of the customer portal (`POST /api/<channel>` on the portal's own port). */
export const portalProcedures = {
  ...portalAccountContract,
  ...portalTicketsContract,
  ...portalUsageContract,
  ...portalPayContract,
  ...portalPushContract,
};

export type PortalProcedures = typeof portalProcedures;
export type PortalChannel = keyof PortalProcedures;
export type PortalInputOf<C extends PortalChannel> = z.input<PortalProcedures[C]['input']>;
export type PortalOutputOf<C extends PortalChannel> = z.output<PortalProcedures[C]['output']>;

export const isPortalChannel = (name: string): name is PortalChannel => Object.hasOwn(portalProcedures, name);
