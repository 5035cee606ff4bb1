import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../../hooks/useTeams';

/** The teams of one estate (antd Form passes value/onChange). */
export function TeamSelect({
  estateId,
  value,
  onChange,
}: {
  estateId: string | undefined;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const teams = useTeams(estateId ?? '');
  return (
    <Select
      allowClear
      disabled={!estateId}
      loading={teams.isFetching}
      placeholder={t('people.team')}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={(teams.data ?? []).map((tm) => ({
        value: tm.id,
        label: i18n.language === 'en' ? tm.nameEn : tm.name,
      }))}
    />
  );
}
