import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import {
  SEASONS,
  type Season,
  SOLAR_TERMS,
  TIP_CATEGORIES,
  type Tip,
  type TipCategory,
  useSaveTip,
} from '../hooks/useTips';

interface Values {
  category: TipCategory;
  season: Season | null;
  solarTerm: (typeof SOLAR_TERMS)[number] | null;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  active: boolean;
}

/** Create or edit a tip: category, season or solar term, Chinese and English text. */
export function TipEditor({
  estateId,
  tip,
  open,
  onClose,
}: {
  estateId: string;
  tip?: Tip;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveTip(estateId);

  useEffect(() => {
    if (!open) return;
    save.reset();
    form.setFieldsValue(
      tip
        ? {
            category: tip.category,
            season: tip.season,
            solarTerm: tip.solarTerm,
            titleZh: tip.titleZh,
            titleEn: tip.titleEn,
            textZh: tip.textZh,
            textEn: tip.textEn,
            active: tip.active,
          }
        : {
            category: 'utilities',
            season: null,
            solarTerm: null,
            titleZh: '',
            titleEn: '',
            textZh: '',
            textEn: '',
            active: true,
          },
    );
  }, [open, tip, form, save.reset]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (tip) await save.mutateAsync({ id: tip.id, body: { ...v, version: tip.version } });
      else {
        const { active: _active, ...body } = v;
        await save.mutateAsync({ body });
      }
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length)
        form.setFields(e.issues.map((i) => ({ name: i.path as never, errors: [i.message] })));
    }
  };

  return (
    <Modal
      open={open}
      title={tip ? t('tips.edit') : t('tips.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {save.isError ? (
        <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" data-testid="tip-editor">
        <Form.Item name="category" label={t('tips.category')} rules={[{ required: true }]}>
          <Select options={TIP_CATEGORIES.map((c) => ({ value: c, label: t(`tips.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="season" label={t('tips.season')} extra={t('tips.seasonHint')}>
          <Select
            allowClear
            placeholder={t('tips.anySeason')}
            options={SEASONS.map((s) => ({ value: s, label: t(`tips.seasons.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="solarTerm" label={t('tips.solarTerm')} extra={t('tips.solarTermHint')}>
          <Select
            allowClear
            placeholder={t('tips.wholeSeason')}
            options={SOLAR_TERMS.map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
        <Form.Item name="titleZh" label={t('tips.titleZh')} rules={[{ required: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="titleEn" label={t('tips.titleEn')} rules={[{ required: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="textZh" label={t('tips.textZh')} rules={[{ required: true, max: 200 }]}>
          <Input.TextArea rows={3} showCount maxLength={200} />
        </Form.Item>
        <Form.Item name="textEn" label={t('tips.textEn')} rules={[{ required: true, max: 400 }]}>
          <Input.TextArea rows={3} showCount maxLength={400} />
        </Form.Item>
        {tip ? (
          <Form.Item name="active" label={t('tips.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
