import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { AuthFrame } from './AuthFrame';
import { LoginForm } from './LoginForm';
import { PairWithOffice } from '../../seat/PairWithOffice';

export function LoginScreen() {
  const { t } = useTranslation('auth');
  const ispName = useSession((s) => s.info?.ispName);
  const signedIn = useSession((s) => s.signedIn);
  return (
    <AuthFrame title={t('signInTitle')} subtitle={ispName} footer={<PairWithOffice />}>
      <LoginForm onSignedIn={signedIn} />
    </AuthFrame>
  );
}
