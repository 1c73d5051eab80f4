import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Colours for every status word the app uses; unknown words are grey. */
const COLORS: Record<string, string> = {
  active: 'teal',
  inactive: 'gray',
  suspended: 'orange',
  isolated: 'orange',
  disabled: 'gray',
  paid: 'teal',
  unpaid: 'yellow',
  partial: 'blue',
  overdue: 'red',
  void: 'gray',
  online: 'teal',
  offline: 'red',
  pending: 'yellow',
  failed: 'red',
};

interface Props extends BadgeProps {
  status: string;
  /** Label override; otherwise `common:status.<status>`. */
  label?: string;
}

export function StatusBadge({ status, label, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={COLORS[status] ?? 'gray'}
      radius="sm"
      tt="none"
      fw={600}
      style={{ flexShrink: 0, maxWidth: 'none' }}
      styles={{ label: { overflow: 'visible' } }}
      data-status={status}
      {...rest}
    >
      {label ?? t(`common:status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
