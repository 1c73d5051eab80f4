import { Text, type MantineColor, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { translateApiMessage } from '../../components';

/**
 * Where a server message quotes the router's own words (RouterOS answers in English): the `!trap`
 * text after "The router refused:", the reason of a `!fatal` or of a refused login, or "(router said: …)".
 */
const ROUTER_WORDS = [
  /^The router refused: (.+)$/s,
  /\(router said: (.+)\)$/s,
  /the router ended the session: (.+)$/s,
  /the router refused the user name or password \((.+)\)$/s,
];

export function routerWords(message: string): string | null {
  for (const re of ROUTER_WORDS) {
    const m = re.exec(message);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * The sentence in the user's language and, apart, the router's own words when the sentence does not
 * already show them (a translation's "(kata router: …)" tail moves to the detail line).
 */
export function splitRouterMessage(message: string): { text: string; words: string | null } {
  const words = routerWords(message);
  let text = translateApiMessage(message);
  if (!words) return { text, words: null };
  const quoted = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  text = text.replace(new RegExp(`\\s*\\([^()]*${quoted}\\)$`), '');
  return { text, words: text.includes(words) ? null : words };
}

/**
 * A router error in the user's language, with the router's original words kept on a detail line
 * (what a technician searches for or tells MikroTik support).
 */
export function RouterMessage({
  message,
  size = 'sm',
  c,
  lineClamp,
}: {
  message: string;
  size?: MantineSize;
  c?: MantineColor;
  lineClamp?: number;
}) {
  const { t } = useTranslation('network');
  const { text, words } = splitRouterMessage(message);
  return (
    <div data-testid="router-message">
      <Text size={size} c={c} lineClamp={lineClamp}>
        {text}
      </Text>
      {words && (
        <Text size="xs" c="dimmed" ff="monospace" data-testid="router-words">
          {t('sync.routerSaid', { words })}
        </Text>
      )}
    </div>
  );
}
