import type { Role } from '../../../src-shared/permissions';
import type { TestApp } from '../../helpers/app';

export const PASSWORDS: Record<Role, string> = {
  admin: 'Rahasia-Kantor-1',
  manager: 'Kopi-Tubruk-Pagi-7',
  staff: 'Nasi-Goreng-Pedas-3',
};

/** Creates a user of the role (must_change_password off) and signs them in; returns the token. */
export async function signInAs(t: TestApp, role: Role, username = `${role}1`): Promise<{ token: string; id: number }> {
  const u = await t.ok('users.create', { username, fullName: `User ${role}`, role, password: PASSWORDS[role], mustChangePassword: false });
  const { token } = await t.ok('auth.login', { username, password: PASSWORDS[role] }, '');
  return { token, id: u.id };
}
