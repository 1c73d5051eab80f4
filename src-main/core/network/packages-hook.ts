import { accountsOnProfile, setProfileName } from '../../data/network/account-state.repository';
import type { AppContext } from '../context';
import { enqueueProfileEverywhere, syncAccount } from './queue';
import { rateLimitFor } from './rate-limit';

interface PkgShape {
  id: number;
  profileName: string;
  bandwidthUp: number;
  bandwidthDown: number;
  ipPool: string | null;
  isActive: boolean;
}

/**
 * Called by the packages service inside its transaction after a create/update: queues the package's
 * `/ppp/profile` on every active router and, when the profile was renamed, moves its accounts along.
 */
export function onPackageSaved(app: AppContext, before: PkgShape | null, after: PkgShape) {
  const routerVisible =
    !before ||
    before.profileName !== after.profileName ||
    before.bandwidthUp !== after.bandwidthUp ||
    before.bandwidthDown !== after.bandwidthDown ||
    before.ipPool !== after.ipPool ||
    (!before.isActive && after.isActive);
  if (!routerVisible) return;
  enqueueProfileEverywhere(app, after, rateLimitFor(after.bandwidthUp, after.bandwidthDown));
  if (before && before.profileName !== after.profileName) {
    for (const id of accountsOnProfile(app.sqlite, after.id, before.profileName)) {
      setProfileName(app.sqlite, id, after.profileName, app.clock.now().toISOString());
      syncAccount(app, id, { kick: true });
    }
  }
}
