import type { lanShareContract } from '../../../src-shared/contract/lan-share';
import { newPairingCode, verifyPairing } from '../../core/lan-share/pairing';
import { lanShareStatus, networkAddresses } from '../../core/lan-share/status';
import type { HandlersFor } from '../handler';

export const lanShareHandlers: HandlersFor<typeof lanShareContract> = {
  'lanShare.status': (_input, call) => ({ interfaces: networkAddresses(), ...lanShareStatus(call.app) }),
  'lanShare.newPairingCode': (_input, call) => newPairingCode(call),
  'pairing.verify': (input, call) => verifyPairing(call, input),
};
