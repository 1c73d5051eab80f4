import { Group } from '@mantine/core';
import { IntegerInput } from '../../components';

type Dir = 'down' | 'up';
const PLACEHOLDER: Record<Dir, string> = { down: '↓ kbps', up: '↑ kbps' };

/** Download and upload speed (kbps) typed by hand, for a profile whose rate-limit cannot be read. */
export function SpeedInputs({
  labels,
  value,
  errors,
  onChange,
}: {
  labels: Record<Dir, string>;
  value: Record<Dir, string>;
  errors: Partial<Record<Dir, string>>;
  onChange: (dir: Dir, text: string) => void;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {(['down', 'up'] as const).map((dir) => (
        <IntegerInput
          key={dir}
          size="xs"
          w={90}
          placeholder={PLACEHOLDER[dir]}
          aria-label={labels[dir]}
          value={value[dir]}
          error={errors[dir]}
          onChange={(v) => onChange(dir, v)}
        />
      ))}
    </Group>
  );
}
