import { z } from 'zod';
import { procedure } from './define';
import { settingsPatchSchema, settingsSchema } from '../settings';

/** The ISP's settings (Settings screen, setup wizard); their schema is src-shared/settings.ts. */
export const settingsContract = {
  'settings.get': procedure({
    permission: 'settings.read',
    input: z.object({}).strict().default({}),
    output: settingsSchema,
  }),
  'settings.update': procedure({
    permission: 'settings.write',
    mutates: 'settings',
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
};
