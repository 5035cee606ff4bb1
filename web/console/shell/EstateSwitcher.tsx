import { EnvironmentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { estateName } from '../../ui/format';
import { useEstate } from '../session/useEstate';

/** Picks the estate the console works in (the user's estates only); the choice is remembered. */
export function EstateSwitcher({ width }: { width: number }) {
  const { t, i18n } = useTranslation();
  const { estateId, estates, setEstateId } = useEstate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  if (estates.length === 0) return <Typography.Text type="secondary">{t('shell.noEstate')}</Typography.Text>;
  return (
    <Select
      data-testid="estate-switcher"
      aria-label={t('shell.estate')}
      value={estateId}
      style={{ width }}
      prefix={<EnvironmentOutlined />}
      popupMatchSelectWidth={false}
      options={estates.map((e) => ({ value: e.id, label: estateName(e, i18n.language) }))}
      onChange={(id) => {
        setEstateId(id);
        // Building and unit filters belong to the previous estate.
        if (['buildingId', 'b', 'u'].some((k) => params.has(k))) {
          const next = new URLSearchParams(params);
          for (const k of ['buildingId', 'b', 'u']) next.delete(k);
          setParams(next, { replace: true });
        }
        void queryClient.invalidateQueries({ queryKey: ['households'] });
      }}
    />
  );
}
