import type { messagingContract } from '../../../src-shared/contract/messaging';
import { cancelMessage, listMessages, messageCounts, resendMessage } from '../../core/messaging/admin';
import { channelViews, pauseChannel, saveChannel } from '../../core/messaging/channels';
import type { HandlersFor } from '../handler';

export const messagingHandlers: HandlersFor<typeof messagingContract> = {
  'messages.list': (input, call) => listMessages(call, input),
  'messages.counts': (_input, call) => messageCounts(call),
  'messages.resend': (input, call) => resendMessage(call, input.id),
  'messages.cancel': (input, call) => cancelMessage(call, input.id, input.reason),
  'messages.channels': (_input, call) => channelViews(call),
  'messages.saveChannel': (input, call) => saveChannel(call, input),
  'messages.pauseChannel': (input, call) => {
    pauseChannel(call, input.channel, input.paused);
    return { ok: true as const };
  },
};
