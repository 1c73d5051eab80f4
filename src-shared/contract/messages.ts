import { z } from 'zod';

/**
 * Plain sentences for the checks that carry no message of their own (`.max(500)`, a wrong type, an
 * unknown field). zod's defaults ("Too big: expected string to have <=500 characters") are written for
 * developers; these are short, name the limit, and the renderer translates them (errors.json keys).
 * A check's own message always wins over this map.
 */
export const plainMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return 'Required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return 'Must be a number';
      if (issue.expected === 'string') return 'Must be text';
      if (issue.expected === 'boolean') return 'Must be true or false';
      if (issue.expected === 'array') return 'Must be a list';
      if (issue.expected === 'object') return 'Must be an object';
      return undefined;
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `At most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `At most ${max} items`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `Must be less than ${max}` : `At most ${max}`;
      return undefined;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? 'Required' : `At least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return issue.minimum === 1 ? 'Choose at least one' : `At least ${min} items`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `Must be more than ${min}` : `At least ${min}`;
      return undefined;
    }
    case 'invalid_value':
      return issue.values.length <= 8
        ? `Must be one of: ${issue.values.map(String).join(', ')}`
        : 'Not an allowed value';
    case 'unrecognized_keys':
      return `Unknown field: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return 'Not in the expected format';
    default:
      return undefined;
  }
};

z.config({ customError: plainMessage });
