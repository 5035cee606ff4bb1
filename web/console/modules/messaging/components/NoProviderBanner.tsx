import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MessageProvider } from '../../../../api/messaging';
import { useCan } from '../../../session/useCan';

/** True when the estate has an SMS provider that can send (enabled, with its secret). */
export function hasUsableSms(providers: MessageProvider[] | undefined): boolean {
  return !!providers?.some((p) => p.enabled && p.hasSecret && p.signName);
}

/**
 * Says plainly that SMS messages stay queued while no SMS provider is configured, and why;
 * admins get a link to the providers page, others are told whom to ask.
 */
export function NoProviderBanner({ waiting }: { waiting: number }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="no-provider-banner"
      title={t('outbox.noProvider.title')}
      description={
        <>
          {t('outbox.noProvider.body')}
          {waiting > 0 ? ` ${t('outbox.noProvider.waiting', { n: waiting })}` : ''}
        </>
      }
      action={
        can('provider.manage') ? (
          <Link to="/providers">
            <Button size="small" type="primary">
              {t('outbox.noProvider.configure')}
            </Button>
          </Link>
        ) : (
          <span style={{ fontSize: 12 }}>{t('outbox.noProvider.askAdmin')}</span>
        )
      }
    />
  );
}
