import { useTranslation } from 'react-i18next';
import { currentLang, LANGS, setLanguage } from '../i18n';
import './language-switch.css';

/**
 * ID | EN toggle; the choice is remembered on this device. Two toggle buttons rather than antd
 * Segmented, which brings the whole tooltip/positioning machinery along.
 */
export function LanguageSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <div className={`lang-switch lang-${tone}`} role="group" aria-label={t('language.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={lang === l}
          title={t(l === 'id' ? 'language.id' : 'language.en')}
          onClick={() => setLanguage(l)}
        >
          {t(l === 'id' ? 'language.short_id' : 'language.short_en')}
        </button>
      ))}
    </div>
  );
}
