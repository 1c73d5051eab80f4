import type { messagingContract } from '../../../src-shared/contract/messaging';
import { cancelMessage, listMessages, messageCounts, resendMessage } from '../../core/messaging/admin';
import { startBroadcast } from '../../core/messaging/broadcast';
import { customerPrefs, saveCustomerPrefs, waLink } from '../../core/messaging/customer';
import { listKinds, previewKind, saveKind } from '../../core/messaging/kinds';
import { channelViews, pauseChannel, saveChannel } from '../../core/messaging/channels';
import { testChannel } from '../../core/messaging/channel-test';
import { saveStaffPrefs, staffPrefs } from '../../core/messaging/staff-notify';
import { customerDevices } from '../../core/messaging/push-devices';
import { pushSettings, savePushSettings } from '../../core/messaging/push';
import { testPush } from '../../core/messaging/push-test';
import type { HandlersFor } from '../handler';

export const messagingHandlers: HandlersFor<typeof messagingContract> = {
  'messages.staffPrefs': (_input, call) => staffPrefs(call),
  'messages.saveStaffPrefs': (input, call) => saveStaffPrefs(call, input),
  'messages.list': (input, call) => listMessages(call, input),
  'messages.counts': (input, call) => messageCounts(call, input.broadcastId),
  'messages.resend': (input, call) => resendMessage(call, input.id),
  'messages.cancel': (input, call) => cancelMessage(call, input.id, input.reason),
  'messages.channels': (_input, call) => channelViews(call),
  'messages.saveChannel': (input, call) => saveChannel(call, input),
  'messages.testChannel': (input, call) => testChannel(call, input),
  'messages.pauseChannel': (input, call) => {
    pauseChannel(call, input.channel, input.paused);
    return { ok: true as const };
  },
  'messages.kinds': (_input, call) => listKinds(call),
  'messages.saveKind': (input, call) => saveKind(call, input),
  'messages.preview': (input, call) => previewKind(call, input),
  'messages.prefs': (input, call) => customerPrefs(call, input.customerId),
  'messages.savePrefs': (input, call) => saveCustomerPrefs(call, input),
  'messages.waLink': (input, call) => waLink(call, input),
  'messages.broadcast': (input, call) => startBroadcast(call, input),
  'messages.push.settings': (_input, call) => pushSettings(call),
  'messages.push.save': (input, call) => savePushSettings(call, input),
  'messages.push.devices': (input, call) => customerDevices(call, input.customerId),
  'messages.push.test': (input, call) => testPush(call, input),
};
