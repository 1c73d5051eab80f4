import { IconLifebuoy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useApiQuery } from '../../api/useApi';
import { useCan } from '../../app/session';
import { StatCard } from './StatCard';

/** Open support tickets from the portal (waiting for staff), with how many nobody has taken. */
export function TicketsCard() {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const [, navigate] = useLocation();
  const q = useApiQuery('tickets.counts', {}, { enabled: can('tickets.read'), entities: ['tickets'] });
  if (!q.data) return null;
  return (
    <StatCard
      testId="stat-tickets"
      icon={IconLifebuoy}
      color="orange"
      label={t('dashboard.label')}
      value={q.data.open}
      detail={t('dashboard.detail', { answered: q.data.answered, unassigned: q.data.unassigned })}
      onClick={() => navigate('~/tickets')}
    />
  );
}
