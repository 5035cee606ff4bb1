import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Grid, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { queryClient } from './queryClient';
import { router } from './router';

/** Root of the staff console: antd theme and locale, React Query, the router. */
export function ConsoleApp() {
  const { i18n } = useTranslation();
  // Phones (guards, cleaners) get tighter cards so content is not squeezed by padding.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1668dc', borderRadius: 6, colorBgLayout: '#f5f7fa' },
        components: {
          Layout: { siderBg: '#001529', headerBg: '#ffffff' },
          Table: { headerBg: '#fafafa' },
          Card: phone ? { bodyPadding: 14, headerPadding: 14 } : {},
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
