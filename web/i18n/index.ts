/** i18next set-up shared by the web apps: zh-CN first, English complete, choice kept in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergedTable } from './resources';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** localStorage key remembering the UI language. */
export const LANG_STORAGE_KEY = 'guanjia.lang';

/** The remembered language, zh-CN when none (or an unknown one) is stored. */
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Initialises i18next synchronously with both locales bundled. */
export function initI18n(lang: Lang = storedLang()) {
  if (!i18n.isInitialized) {
    i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: mergedTable('zh-CN') }, en: { translation: mergedTable('en') } },
      lng: lang,
      fallbackLng: 'zh-CN',
      supportedLngs: [...LANGS],
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  document.documentElement.lang = lang;
  return i18n;
}

/** Switches the language and remembers it. */
export async function changeLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/** The language currently shown. */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export { i18n };
