import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { planApi } from '../../../../api/endpoints';
import {
  ACTION_TIMES,
  type ActionTime,
  PLAN_STAGES,
  PLAN_TEAMS,
  type PlanStageCode,
  ROLES,
  type Role,
  type TeamCode,
} from '../../../../api/enums';
import type { PlanMeasure } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { planKeys } from '../hooks/usePlan';

interface Values {
  textZh: string;
  textEn?: string | null;
  purposeZh?: string | null;
  purposeEn?: string | null;
  keyPointsZh?: string | null;
  keyPointsEn?: string | null;
  team: TeamCode;
  stage: PlanStageCode;
  actionTime: ActionTime;
  public: boolean;
  roles: Role[];
}

const TEXT_FIELDS = ['textEn', 'purposeZh', 'purposeEn', 'keyPointsZh', 'keyPointsEn'] as const;

function toValues(m: PlanMeasure): Values {
  return {
    textZh: m.textZh,
    textEn: m.textEn,
    purposeZh: m.purposeZh,
    purposeEn: m.purposeEn,
    keyPointsZh: m.keyPointsZh,
    keyPointsEn: m.keyPointsEn,
    team: m.team,
    stage: m.stage,
    actionTime: m.actionTime,
    public: m.public,
    roles: m.roles,
  };
}

/** Optional texts: blank → null (the server stores no empty strings). */
function clean(v: Values): Values {
  const out = { ...v, textZh: v.textZh.trim() };
  for (const f of TEXT_FIELDS) {
    const s = v[f]?.trim();
    out[f] = s ? s : null;
  }
  return out;
}

/**
 * 编辑措施 / 新增措施 (plan.manage). Editing sends the version the form was opened with; a 412
 * means someone saved first: say so and offer to reload the measure.
 */
export function MeasureFormModal({
  open,
  estateId,
  measure,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  estateId: string;
  /** The measure being edited; null to add the estate's own. */
  measure: PlanMeasure | null;
  /** Team and stage preset for a new measure (the current filters). */
  defaults?: { team?: TeamCode; stage?: PlanStageCode };
  onClose: () => void;
  onSaved: (m: PlanMeasure) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState<PlanMeasure | null>(measure);
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!open) return;
    setBase(measure);
    setConflict(null);
    form.resetFields();
    form.setFieldsValue(
      measure
        ? toValues(measure)
        : {
            team: defaults?.team ?? 'security',
            stage: defaults?.stage ?? 'know',
            actionTime: 'on_entry',
            public: true,
            roles: [],
          },
    );
  }, [open, measure?.id]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      base
        ? planApi.update(estateId, base.id, { ...clean(v), version: base.version })
        : planApi.create(estateId, clean(v)),
    onSuccess: (m) => {
      queryClient.setQueryData(planKeys.measure(estateId, m.id), m);
      void queryClient.invalidateQueries({ queryKey: planKeys.all(estateId) });
      message.success(base ? t('plan.saved', { version: m.version }) : t('plan.created', { code: m.code }));
      onSaved(m);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setConflict(err.message);
        return;
      }
      applyFieldErrors(form, err, (p) => (p[0] === 'version' ? null : p));
      notifyError(err);
    },
  });

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await planApi.measure(estateId, base.id);
      queryClient.setQueryData(planKeys.measure(estateId, fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: planKeys.all(estateId) });
      setBase(fresh);
      setConflict(null);
      form.resetFields();
      form.setFieldsValue(toValues(fresh));
      message.info(t('plan.reloaded', { version: fresh.version }));
    } catch (err) {
      notifyError(err);
    } finally {
      setReloading(false);
    }
  };

  return (
    <Modal
      open={open}
      title={base ? t('plan.editTitle', { code: base.code }) : t('plan.createTitle')}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          disabled={!!conflict}
          data-testid="measure-save"
          onClick={() => form.validateFields().then((v) => save.mutate(v))}
        >
          {base ? t('common.save') : t('common.create')}
        </Button>,
      ]}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('plan.conflictTitle')}
          description={conflict}
          data-testid="measure-conflict"
          action={
            <Button size="small" icon={<ReloadOutlined />} loading={reloading} onClick={reload}>
              {t('plan.reload')}
            </Button>
          }
        />
      ) : null}
      {!base ? <Typography.Paragraph type="secondary">{t('plan.createHint')}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="measure-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="team" label={t('plan.team')} rules={[{ required: true }]}>
              <Select
                data-testid="measure-team"
                options={PLAN_TEAMS.map((c) => ({ value: c, label: t(`enums.planTeam.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="stage" label={t('plan.stage')} rules={[{ required: true }]}>
              <Select
                data-testid="measure-stage"
                options={PLAN_STAGES.map((s, i) => ({
                  value: s,
                  label: `${i + 1}. ${t(`enums.planStage.${s}`)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="actionTime" label={t('plan.actionTime')} rules={[{ required: true }]}>
              <Select options={ACTION_TIMES.map((a) => ({ value: a, label: t(`enums.actionTime.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="textZh"
              label={t('plan.fields.textZh')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 500 }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={500}
                data-testid="measure-textZh"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="textEn" label={t('plan.fields.textEn')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="purposeZh" label={t('plan.fields.purposeZh')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="purposeEn" label={t('plan.fields.purposeEn')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="keyPointsZh" label={t('plan.fields.keyPointsZh')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="keyPointsEn" label={t('plan.fields.keyPointsEn')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="roles" label={t('plan.roles')}>
              <Select
                mode="multiple"
                allowClear
                maxCount={10}
                options={ROLES.filter((r) => r !== 'resident').map((r) => ({
                  value: r,
                  label: t(`enums.role.${r}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="public"
              label={t('plan.fields.public')}
              valuePropName="checked"
              extra={t('plan.fields.publicHint')}
            >
              <Switch data-testid="measure-public" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
