import { IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useApiQuery } from '../../api/useApi';
import { useFormat } from '../../lib/format';
import { StatCard } from '../dashboard/StatCard';

/** The outbox on the dashboard: queued now, failed or unknown ones waiting for a person. */
export function MessagesStat() {
  const { t } = useTranslation('messages');
  const f = useFormat();
  const [, navigate] = useLocation();
  const c = useApiQuery('messages.counts', {}, { refetchOn: ['messages.progress'] }).data;
  if (!c) return null;
  const attention = c.failed + c.unknown;
  return (
    <StatCard
      icon={IconMessage}
      color={attention ? 'red' : 'teal'}
      label={t('dashboardLabel')}
      value={f.number(c.queued + c.sending)}
      detail={t('counts', c)}
      onClick={() => navigate('~/messages')}
      testId="dashboard-messages"
    />
  );
}
