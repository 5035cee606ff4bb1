import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Someone else changed this; reload": shown instead of overwriting their change. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="conflict-alert"
      title={t('boardAdmin.conflict')}
      action={
        <Button size="small" onClick={onReload} data-testid="conflict-reload">
          {t('boardAdmin.reload')}
        </Button>
      }
    />
  );
}
