import { z } from 'zod';
import { ROLES } from '../permissions';
import { id, listOf, optionalText, page, pageSize, procedure, requiredText, searchText, timestamp } from './define';
import { newPassword, officeRole, role, username } from './auth';
import { userBrandIds } from './brands';

export const appUser = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Set while the account is locked after failed sign-ins. */
  lockedUntil: timestamp.nullable(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type AppUser = z.output<typeof appUser>;

const reason = optionalText(500, 'Reason');

export const usersContract = {
  'users.list': procedure({
    permission: 'users.manage',
    input: z
      .object({
        search: searchText,
        role: role.optional(),
        active: z.boolean().optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(appUser),
  }),
  'users.create': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z
      .object({
        username,
        fullName: requiredText(80, 'Full name'),
        role: officeRole,
        password: newPassword,
        /** The new user picks their own password at first sign-in (default). */
        mustChangePassword: z.boolean().default(true),
        /** Limit the user to these brands (issue 18); absent or empty = every brand. */
        brandIds: userBrandIds.optional(),
      })
      .strict(),
    output: appUser,
  }),
  'users.update': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z
      .object({
        id,
        fullName: requiredText(80, 'Full name').optional(),
        role: officeRole.optional(),
        reason,
        /** Change the brands the user is limited to (empty = every brand); absent = unchanged. */
        brandIds: userBrandIds.optional(),
      })
      .strict(),
    output: appUser,
  }),
  'users.disable': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z.object({ id, reason }).strict(),
    output: appUser,
  }),
  'users.enable': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z.object({ id, reason }).strict(),
    output: appUser,
  }),
  'users.resetPassword': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z.object({ id, newPassword }).strict(),
    output: appUser,
  }),
};
