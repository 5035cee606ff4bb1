import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { nowInZone } from '../../../../ui/format';
import { FormModal } from '../../../forms/FormModal';
import { CARE_AUDIENCES_UI, type CareAudience, type CarePlan, type CarePlanItem } from '../organizationText';
import { StaffSelect } from './StaffSelect';

export interface CareItemValues {
  title: string;
  audience: CareAudience;
  audienceNote?: string;
  ownerId: string;
  dueDate: Dayjs;
}

/** Add an item to the quarter, or edit one (`initial`): what, for whom, who, by when. */
export function CareItemFormModal({
  open,
  plan,
  initial,
  onClose,
  onSave,
}: {
  open: boolean;
  plan: CarePlan;
  initial?: CarePlanItem;
  onClose: () => void;
  onSave: (v: CareItemValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const start = dayjs(plan.start);
  const end = dayjs(plan.end);
  return (
    <FormModal<CareItemValues>
      open={open}
      title={initial ? t('carePlan.editTitle') : t('carePlan.addTitle', { quarter: plan.quarter })}
      saveTestId="care-item-save"
      onClose={onClose}
      onSave={onSave}
      initialValues={
        initial
          ? {
              title: initial.title,
              audience: initial.audience,
              audienceNote: initial.audienceNote ?? undefined,
              ownerId: initial.ownerId,
              dueDate: dayjs(initial.dueDate),
            }
          : { audience: 'elderly_alone', dueDate: end.subtract(1, 'day') }
      }
    >
      <Form.Item
        name="title"
        label={t('carePlan.what')}
        rules={[{ required: true, whitespace: true, max: 200 }]}
      >
        <Input maxLength={200} placeholder={t('carePlan.whatPlaceholder')} data-testid="care-item-title" />
      </Form.Item>
      <Form.Item name="audience" label={t('carePlan.forWhom')} rules={[{ required: true }]}>
        <Select options={CARE_AUDIENCES_UI.map((a) => ({ value: a, label: t(`carePlan.audiences.${a}`) }))} />
      </Form.Item>
      <Form.Item name="audienceNote" label={t('carePlan.audienceNote')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="ownerId" label={t('carePlan.owner')} rules={[{ required: true }]}>
        <StaffSelect estateId={plan.estateId} testId="care-item-owner" />
      </Form.Item>
      <Form.Item name="dueDate" label={t('carePlan.due')} rules={[{ required: true }]}>
        <DatePicker
          style={{ width: '100%' }}
          inputReadOnly
          disabledDate={(d) => d.isBefore(start, 'day') || !d.isBefore(end, 'day')}
        />
      </Form.Item>
    </FormModal>
  );
}

interface DoneValues {
  doneOn: Dayjs;
  doneNote?: string;
}

/** Mark an item done: on which day (today by default, not later) and a note. */
export function MarkDoneModal({
  item,
  onClose,
  onSave,
}: {
  item: CarePlanItem | null;
  onClose: () => void;
  onSave: (v: DoneValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<DoneValues>
      open={!!item}
      title={item ? t('carePlan.doneTitle', { title: item.title }) : ''}
      okText={t('carePlan.markDone')}
      saveTestId="care-done-save"
      onClose={onClose}
      onSave={onSave}
      initialValues={{ doneOn: nowInZone() }}
    >
      <Form.Item name="doneOn" label={t('carePlan.doneOn')} rules={[{ required: true }]}>
        <DatePicker
          style={{ width: '100%' }}
          inputReadOnly
          disabledDate={(d) => d.isAfter(nowInZone(), 'day')}
        />
      </Form.Item>
      <Form.Item name="doneNote" label={t('carePlan.doneNote')} rules={[{ max: 500 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="care-done-note" />
      </Form.Item>
    </FormModal>
  );
}
