import type { authContract } from '../../../src-shared/contract/auth';
import { changePassword, createFirstAdmin, login, logout, me, userCount } from '../../core/auth';
import { loadDemoData } from '../../core/demo';
import { getSettings } from '../../core/settings';
import { appliedMigrations } from '../../db/migrate';
import type { HandlersFor } from '../handler';

export const authHandlers: HandlersFor<typeof authContract> = {
  'system.info': (_input, { app }) => {
    const s = getSettings(app);
    return {
      appName: 'PPPoE Desk',
      version: app.appVersion,
      schemaVersion: appliedMigrations(app.sqlite),
      needsSetup: userCount(app) === 0,
      language: s.language,
      timeZone: s.timeZone,
      ispName: s.ispName,
      sessionTimeoutMinutes: s.sessionTimeoutMinutes,
    };
  },
  'setup.createAdmin': (input, call) => createFirstAdmin(call, input),
  'auth.login': ({ username, password }, call) => login(call, username, password),
  'auth.logout': (_input, call) => logout(call),
  'auth.me': (_input, call) => me(call),
  'auth.changePassword': ({ currentPassword, newPassword }, call) => changePassword(call, currentPassword, newPassword),
  'demo.load': (_input, call) => loadDemoData(call),
};
