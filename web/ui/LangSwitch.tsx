import { GlobalOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLang } from '../i18n';

/** Toggles between 中文 and English; the button names the language it switches to. */
export function LangSwitch(props: Pick<ButtonProps, 'type' | 'size' | 'className' | 'style'>) {
  const { i18n, t } = useTranslation();
  const isEn = i18n.language === 'en';
  return (
    <Button
      {...props}
      data-testid="lang-switch"
      icon={<GlobalOutlined />}
      aria-label={t('lang.switchTo')}
      title={t('lang.switchTo')}
      onClick={() => void changeLang(isEn ? 'zh-CN' : 'en')}
    >
      {isEn ? t('lang.zh') : t('lang.en')}
    </Button>
  );
}
