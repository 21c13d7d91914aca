import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLanguage, type Lang } from '../i18n';

/** ID | EN toggle; the choice is remembered on this device. */
export function LanguageSwitch({ size = 'middle', block = false }: { size?: 'small' | 'middle' | 'large'; block?: boolean }) {
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      aria-label={t('language.label')}
      size={size}
      block={block}
      value={currentLang()}
      onChange={(v) => setLanguage(v)}
      options={[
        { value: 'id', label: <span lang="id" title={t('language.id')}>{t('language.short_id')}</span> },
        { value: 'en', label: <span lang="en" title={t('language.en')}>{t('language.short_en')}</span> },
      ]}
    />
  );
}
