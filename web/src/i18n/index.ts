import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { id } from './id';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];
const STORAGE_KEY = 'semesta.lang';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

// Indonesian ships with the app; English is its own small chunk, downloaded only by those who choose it.
void i18n.use(initReactI18next).init({
  resources: { id: { translation: id } },
  lng: 'id',
  fallbackLng: 'id',
  supportedLngs: ['id', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

async function ensureLoaded(lang: Lang): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const { en } = await import('./en');
  i18n.addResourceBundle(lang, 'translation', en);
}

async function apply(lang: Lang): Promise<void> {
  await ensureLoaded(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/**
 * Switch language, remember it on this device, and tell screen readers via <html lang>. When the
 * English text cannot be downloaded (offline), the page simply stays in Indonesian.
 */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  apply(lang).catch(() => undefined);
}

/** Resolves when the remembered language is ready to render (at once for Indonesian). */
export const i18nReady: Promise<void> = (() => {
  const initial = storedLang();
  document.documentElement.lang = 'id';
  return initial === 'id' ? Promise.resolve() : apply(initial).catch(() => undefined);
})();

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'id';
}

export default i18n;
