import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onUnauthorized, setApiLanguage } from '../api/client';
import { i18n, initI18n } from '../i18n';
import { ConsoleApp } from './ConsoleApp';
import { queryClient } from './queryClient';
import { router } from './router';

const applyLanguage = (lng: string) => {
  const lang = lng === 'en' ? 'en' : 'zh-CN';
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.consoleName')}`;
};

initI18n();
applyLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  // Server-made text (error messages, labels) follows the language: fetch again — except
  // sensitive facts, whose every read is audited and whose content has no language.
  void queryClient.invalidateQueries({ predicate: (q) => !q.queryKey.includes('sensitive') });
});

// Any 401 (expired or revoked session) sends the user to the login page, then back.
onUnauthorized(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  const next = pathname + search;
  void router.navigate(`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
