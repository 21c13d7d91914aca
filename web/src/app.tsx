import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme as antTheme } from 'antd';
// The ES-module builds: antd/locale/* re-exports CommonJS, which does not tree-shake.
import enUS from 'antd/es/locale/en_US';
import idID from 'antd/es/locale/id_ID';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api/client';
import { installSessionExpiryHandler } from './auth/session';
import { AppRoutes } from './routes';
import { BRAND, BRAND_LINK, DANGER, PAGE_BG, SURFACE } from './styles/theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a flaky mobile connection might.
      retry: (failures, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
installSessionExpiryHandler(queryClient);

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : idID}
      theme={{
        algorithm: antTheme.defaultAlgorithm,
        token: { colorPrimary: BRAND, colorLink: BRAND_LINK, colorError: DANGER, borderRadius: 8, fontSize: 15 },
        components: { Layout: { headerBg: BRAND, headerPadding: '0 16px', siderBg: SURFACE, bodyBg: PAGE_BG } },
      }}
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
