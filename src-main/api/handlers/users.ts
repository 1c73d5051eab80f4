import type { usersContract } from '../../../src-shared/contract/users';
import { createUser, listUsers, resetPassword, setUserActive, updateUser } from '../../core/users/users';
import type { HandlersFor } from '../handler';

export const usersHandlers: HandlersFor<typeof usersContract> = {
  'users.list': (input, call) => listUsers(call, input),
  'users.create': (input, call) => createUser(call, input),
  'users.update': (input, call) => updateUser(call, input),
  'users.disable': (input, call) => setUserActive(call, input, false),
  'users.enable': (input, call) => setUserActive(call, input, true),
  'users.resetPassword': (input, call) => resetPassword(call, input),
};
