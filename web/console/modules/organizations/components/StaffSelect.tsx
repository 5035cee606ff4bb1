import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../../hooks/useStaff';

/** Pick an active staff member of the estate (name and role). */
export function StaffSelect({
  estateId,
  value,
  onChange,
  testId,
}: {
  estateId: string;
  value?: string;
  onChange?: (v: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const staff = useStaff(estateId);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      loading={staff.isPending}
      data-testid={testId}
      options={(staff.data ?? [])
        .filter((s) => s.status === 'active')
        .map((s) => ({
          value: s.accountId,
          label: t('orgs.staffOption', { name: s.displayName, role: t(`enums.role.${s.role}`) }),
        }))}
    />
  );
}
