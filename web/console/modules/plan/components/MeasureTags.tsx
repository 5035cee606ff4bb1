import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanMeasure } from '../../../../api/types';

/** 不对外承诺 / 已停用 / 本项目自定 markers of a measure. */
export function MeasureTags({ measure }: { measure: Pick<PlanMeasure, 'public' | 'status' | 'isCustom'> }) {
  const { t } = useTranslation();
  return (
    <>
      {!measure.public ? (
        <Tag color="orange" data-testid="tag-not-public">
          {t('plan.notPublic')}
        </Tag>
      ) : null}
      {measure.status === 'retired' ? (
        <Tag color="default" data-testid="tag-retired">
          {t('enums.measureStatus.retired')}
        </Tag>
      ) : null}
      {measure.isCustom ? <Tag color="purple">{t('plan.custom')}</Tag> : null}
    </>
  );
}
