import type { settingsContract } from '../../../src-shared/contract/settings';
import { getSettings } from '../../core/settings';
import { updateSettings } from '../../core/settings-update';
import type { HandlersFor } from '../handler';

export const settingsHandlers: HandlersFor<typeof settingsContract> = {
  'settings.get': (_input, { app }) => getSettings(app),
  'settings.update': (input, call) => updateSettings(call, input),
};
