import { idCardProblem, phoneProblem } from '../../src-shared/validators';
import { translateApiMessage } from './apiError';

/**
 * @mantine/form rules built on the server's own checks (src-shared/validators.ts), so the setup
 * wizard, Settings and the customer form refuse "abc-telp" or "12ab" with the server's words,
 * before sending. Empty is fine: these fields are optional.
 */
const rule = (problem: (s: string) => string | null) => (text: string) => {
  if (!text.trim()) return null;
  const p = problem(text);
  return p ? translateApiMessage(p) : null;
};

export const phoneRule = rule(phoneProblem);
export const idCardRule = rule(idCardProblem);
