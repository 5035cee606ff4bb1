import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../api/enums';
import { useCan } from './useCan';

/** Shows a 403 page instead of its children when the user has none of `anyOf`. */
export function RequireCapability({ anyOf, children }: { anyOf: Capability[]; children: ReactNode }) {
  const { t } = useTranslation();
  const can = useCan();
  if (anyOf.length > 0 && !anyOf.some(can)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  }
  return <>{children}</>;
}
