import {
  CheckCircleOutlined,
  DeleteOutlined,
  HomeOutlined,
  PlusOutlined,
  SafetyOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Result,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { visitsApi } from '../../../../api/endpoints';
import type { CreateVisitResult, HouseholdSummary } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { PhotoUploader } from '../../../components/attachments/PhotoUploader';
import { applyFieldErrors, type FieldPath } from '../../../forms/fieldErrors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstate } from '../../../session/useEstate';
import { agendaKeys } from '../../agenda/hooks/useAgenda';
import { useHouseholdParam } from '../hooks/useHouseholdParam';
import { HouseholdPicker } from './HouseholdPicker';

/** What S2 asks the guard to look at in every home (报警器、燃气、铁栏杆、门窗), plus wiring. */
export const SAFETY_ITEMS = ['alarm', 'gas', 'railings', 'doorsWindows', 'electrics'] as const;
type SafetyItem = (typeof SAFETY_ITEMS)[number];

interface Values {
  visitedAt?: Dayjs | null;
  metWhom?: string;
  checked: SafetyItem[];
  hazards: string[];
  explained: boolean;
  notes?: string;
}

/**
 * 居家安全检查 (S2) for guards, phone first: the household by its room (3-2-501, 3栋2单元501 …),
 * whom they met, what was checked, the hazards found (one per line, so they show as problems
 * to follow up), whether the safety advice was explained, and notes. The kind is fixed; nothing
 * is written back to the archive, and no sensitive facts are asked for.
 */
export function SafetyCheckForm() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const { estateId } = useEstate();
  const { householdId, household, setHousehold } = useHouseholdParam();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<CreateVisitResult | null>(null);
  const h = household.data;

  const submit = async () => {
    const v = await form.validateFields();
    if (!householdId) return;
    setSaving(true);
    try {
      const items = (v.checked ?? []).map((i) => t(`guardVisit.items.${i}`)).join(t('common.listSep'));
      const notes = [
        items ? t('guardVisit.notesChecked', { items }) : null,
        v.explained ? t('guardVisit.notesExplained') : null,
        v.notes?.trim() || null,
      ].filter(Boolean);
      const hazards = (v.hazards ?? []).map((p) => p?.trim()).filter((p): p is string => !!p);
      const r = await visitsApi.create({
        householdId,
        kind: 'safety_check',
        visitedAt: v.visitedAt ? v.visitedAt.toISOString() : undefined,
        metWhom: v.metWhom?.trim() || undefined,
        notes: notes.length ? notes.join('\n') : undefined,
        problems: hazards.length ? hazards : undefined,
      });
      setResult(r);
      void qc.invalidateQueries({ queryKey: agendaKeys.all });
      void qc.invalidateQueries({ queryKey: agendaKeys.visits });
      void qc.invalidateQueries({ queryKey: ['kpi'] });
    } catch (err) {
      const mapPath = (p: FieldPath): FieldPath | null => {
        if (p[0] === 'problems') return ['hazards', ...p.slice(1)];
        return p.length ? [p[0]] : null;
      };
      if (applyFieldErrors(form, err, mapPath).length === 0) notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    return (
      <div style={{ maxWidth: 720 }}>
        <Card data-testid="safety-check-result">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={t('guardVisit.saved', { room: result.roomCode })}
            subTitle={formatDateTime(result.visitedAt)}
            style={{ padding: isMobile ? '16px 0' : undefined }}
          />
          {result.problems.length ? (
            <Alert
              type="warning"
              showIcon
              title={t('guardVisit.hazardsSaved', { n: result.problems.length })}
            />
          ) : null}
          <Card size="small" title={t('attachments.title')} style={{ marginTop: 12 }}>
            {/* Photos of the hazards found: the guard may add them to their own check. */}
            <PhotoUploader ownerKind="visit" ownerId={result.id} big={isMobile} />
          </Card>
          <Flex vertical={isMobile} gap={8} justify="center" style={{ marginTop: 16 }}>
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              block={isMobile}
              data-testid="safety-check-next"
              onClick={() => {
                setResult(null);
                form.resetFields();
                setHousehold(null);
              }}
            >
              {t('guardVisit.next')}
            </Button>
            <Link to="/visits">
              <Button size="large" block={isMobile} data-testid="safety-check-mine">
                {t('guardVisit.mine')}
              </Button>
            </Link>
          </Flex>
        </Card>
      </div>
    );
  }

  const size = isMobile ? 'large' : 'middle';
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={t('guardVisit.title')} subtitle={t('guardVisit.subtitle')} />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size={size}
          initialValues={{ checked: [...SAFETY_ITEMS], hazards: [], explained: true }}
          data-testid="safety-check-form"
          requiredMark={false}
        >
          <Form.Item label={t('guardVisit.household')} required>
            {householdId ? (
              household.isPending ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : household.isError ? (
                <Alert
                  type="error"
                  showIcon
                  title={household.error.message}
                  action={<Button onClick={() => setHousehold(null)}>{t('guardVisit.change')}</Button>}
                />
              ) : h ? (
                <Card size="small" data-testid="safety-check-household">
                  <Flex justify="space-between" align="center" gap={8}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ fontSize: 18 }}>
                        <HomeOutlined /> {h.roomCode}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {h.primaryName ?? ''}
                      </Typography.Text>
                    </div>
                    <Button onClick={() => setHousehold(null)}>{t('guardVisit.change')}</Button>
                  </Flex>
                </Card>
              ) : null
            ) : (
              <>
                <HouseholdPicker
                  estateId={estateId}
                  onPick={(x: HouseholdSummary) => setHousehold(x.id)}
                  size={size}
                  testId="safety-check-room"
                  placeholder={t('guardVisit.roomPlaceholder')}
                />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                  {t('guardVisit.roomHint')}
                </Typography.Text>
              </>
            )}
          </Form.Item>
          <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
            <SafetyOutlined style={{ color: '#1677ff' }} />
            <Typography.Text data-testid="safety-check-kind">
              {t('enums.visitKind.safety_check')}
            </Typography.Text>
          </Flex>
          <Form.Item name="checked" label={t('guardVisit.checked')}>
            <Checkbox.Group data-testid="safety-check-items">
              <Flex vertical={isMobile} wrap gap={isMobile ? 10 : 12}>
                {SAFETY_ITEMS.map((i) => (
                  <Checkbox key={i} value={i} style={isMobile ? { fontSize: 16 } : undefined}>
                    {t(`guardVisit.items.${i}`)}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item label={t('guardVisit.hazards')} extra={t('guardVisit.hazardsHint')}>
            <Form.List name="hazards">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={8} align="flex-start">
                      <Form.Item name={f.name} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 500 }]}>
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          maxLength={500}
                          placeholder={t('guardVisit.hazardPlaceholder', { n: i + 1 })}
                          data-testid={`safety-check-hazard-${i}`}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('common.delete')}
                      />
                    </Flex>
                  ))}
                  {fields.length < 20 ? (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add('')}
                      block
                      data-testid="safety-check-hazard-add"
                    >
                      {t('guardVisit.addHazard')}
                    </Button>
                  ) : null}
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="explained" valuePropName="checked" label={t('guardVisit.explained')}>
            <Switch data-testid="safety-check-explained" />
          </Form.Item>
          <Form.Item name="metWhom" label={t('guardVisit.metWhom')} rules={[{ max: 60 }]}>
            <Input
              placeholder={t('guardVisit.metWhomPlaceholder')}
              maxLength={60}
              data-testid="safety-check-met"
            />
          </Form.Item>
          <Form.Item name="visitedAt" label={t('guardVisit.visitedAt')} extra={t('guardVisit.visitedAtHint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly={isMobile}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('guardVisit.notes')} rules={[{ max: 1500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1500} />
          </Form.Item>
          <Flex gap={8} vertical={isMobile}>
            <Button
              type="primary"
              size="large"
              icon={<SaveOutlined />}
              loading={saving}
              disabled={!householdId || !h}
              onClick={() => void submit()}
              block={isMobile}
              data-testid="safety-check-save"
            >
              {t('guardVisit.save')}
            </Button>
            <Button size="large" block={isMobile} onClick={() => navigate(-1)}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
