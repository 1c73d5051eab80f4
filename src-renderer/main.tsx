import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app/app.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/id';
import './i18n';
import { App } from './app/App';
import { SeatScreen } from './seat/SeatScreen';

// The desktop app as a seat of an office PC shows only its seat page here (the office's app comes from
// the office); everything else is the staff app.
const seatPage = !!window.pppoeSeat && window.location.hash.startsWith('#/seat');

// System fonts only: the app runs offline and bundles no web fonts.
const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Button: { defaultProps: { radius: 'md' } },
  },
});

/**
 * Toasts at the top right on a desk, at the bottom on a phone: there, stacked at the top, they covered a
 * full-screen sheet's title, close button and first lines (the collector's "whose bill is this").
 */
function Toasts() {
  const phone = useMediaQuery('(max-width: 40em)');
  return <Notifications position={phone ? 'bottom-center' : 'top-right'} limit={4} />;
}

/** Date pickers follow the UI language (dayjs locale). */
function Dates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'id', firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Dates>
        <ModalsProvider>
          <Toasts />
          {seatPage ? <SeatScreen /> : <App />}
        </ModalsProvider>
      </Dates>
    </MantineProvider>
  </StrictMode>,
);
