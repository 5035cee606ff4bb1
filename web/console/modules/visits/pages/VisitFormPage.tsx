import { DeleteOutlined, HomeOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
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
  Rate,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { visitsApi } from '../../../../api/endpoints';
import {
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
  VISIT_FORM_KINDS,
  type VisitFormKind,
} from '../../../../api/enums';
import type { CreateVisitResult, HouseholdSummary } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { uploadPhotos } from '../../../components/attachments/attachmentsApi';
import { PhotoPicker } from '../../../components/attachments/PhotoPicker';
import { applyFieldErrors, type FieldPath } from '../../../forms/fieldErrors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { agendaKeys } from '../../agenda/hooks/useAgenda';
import { CareFlagTags } from '../../households/components/CareFlagTags';
import { HouseholdPicker } from '../components/HouseholdPicker';
import { SafetyCheckForm } from '../components/SafetyCheckForm';
import { VisitResult } from '../components/VisitResult';
import { useHouseholdParam } from '../hooks/useHouseholdParam';

interface Values {
  kind: VisitFormKind;
  visitedAt?: Dayjs | null;
  metWhom?: string;
  hobbies: string[];
  skills: string[];
  tags: string[];
  familyStructure?: string;
  familyChanges?: string;
  needs?: string;
  problems: string[];
  satisfaction?: number;
  flyerGiven: boolean;
  writeBack: boolean;
  sensitiveLearned: SensitiveCategory[];
  notes?: string;
}

const trimOrUndef = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};
const words = (list: string[] | undefined) =>
  [...new Set((list ?? []).map((w) => w.trim()).filter(Boolean))].map((w) => w.slice(0, 20));

/**
 * The visit form; staff who may record home safety checks only (guards, S2) get the safety
 * check form instead: its kind is fixed and it writes nothing back to the archive.
 */
export function VisitFormPage() {
  const can = useCan();
  return !can('visit.record') && can('visit.safety_check') ? <SafetyCheckForm /> : <FullVisitForm />;
}

/**
 * 客户走访表, phone first: the household (prefilled from the agenda, else searched), the kind,
 * whom the visitor met, hobbies and skills learned (written back to the archive unless unticked),
 * family changes, needs, problems raised, satisfaction and the channels flyer (C2). After saving
 * it says what happened to the archive and whether a sensitive fact needs the consent flow.
 */
function FullVisitForm() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const { estateId } = useEstate();
  const { params, householdId, household, setHousehold } = useHouseholdParam();
  const kindParam = params.get('kind') as VisitFormKind | null;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<CreateVisitResult | null>(null);
  // Photos wait in the browser until the visit exists, then go up one by one.
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoErrors, setPhotoErrors] = useState<{ name: string; message: string }[]>([]);

  const h = household.data;
  const pick = (x: HouseholdSummary) => setHousehold(x.id);
  const clearHousehold = () => setHousehold(null);

  const initialValues = useMemo<Partial<Values>>(
    () => ({
      kind: kindParam && VISIT_FORM_KINDS.includes(kindParam) ? kindParam : 'routine',
      hobbies: [],
      skills: [],
      tags: [],
      problems: [],
      flyerGiven: false,
      writeBack: true,
      sensitiveLearned: [],
    }),
    [kindParam],
  );

  const submit = async () => {
    const v = await form.validateFields();
    if (!householdId) return;
    setSaving(true);
    try {
      const hobbies = words(v.hobbies);
      const skills = words(v.skills);
      const tags = words(v.tags);
      const familyStructure = trimOrUndef(v.familyStructure);
      const writeBack = v.writeBack
        ? {
            hobbies: hobbies.length ? hobbies : undefined,
            skills: skills.length ? skills : undefined,
            tags: tags.length ? tags : undefined,
            familyStructure,
          }
        : undefined;
      const hasWriteBack = !!writeBack && Object.values(writeBack).some((x) => x !== undefined);
      const problems = (v.problems ?? []).map((p) => p?.trim()).filter((p): p is string => !!p);
      const r = await visitsApi.create({
        householdId,
        kind: v.kind,
        visitedAt: v.visitedAt ? v.visitedAt.toISOString() : undefined,
        metWhom: trimOrUndef(v.metWhom),
        hobbies: hobbies.length ? hobbies : undefined,
        skills: skills.length ? skills : undefined,
        familyChanges: trimOrUndef(v.familyChanges),
        needs: trimOrUndef(v.needs),
        notes: trimOrUndef(v.notes),
        problems: problems.length ? problems : undefined,
        satisfaction: v.satisfaction ? v.satisfaction : undefined,
        flyerGiven: v.flyerGiven,
        writeBack: hasWriteBack ? writeBack : undefined,
        sensitiveLearned: v.sensitiveLearned?.length ? v.sensitiveLearned : undefined,
      });
      setPhotoErrors(photos.length ? (await uploadPhotos('visit', r.id, photos)).failed : []);
      setPhotos([]);
      setResult(r);
      void qc.invalidateQueries({ queryKey: agendaKeys.all });
      void qc.invalidateQueries({ queryKey: agendaKeys.visits });
      void qc.invalidateQueries({ queryKey: ['households', 'detail', householdId] });
      void qc.invalidateQueries({ queryKey: ['loyal-groups'] });
      void qc.invalidateQueries({ queryKey: ['kpi'] });
    } catch (err) {
      const mapPath = (p: FieldPath): FieldPath | null => {
        if (p[0] === 'writeBack' && typeof p[1] === 'string') return [p[1]];
        return p.length ? [p[0]] : null;
      };
      if (applyFieldErrors(form, err, mapPath).length === 0) notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    return (
      <VisitResult
        result={result}
        photoErrors={photoErrors}
        onAnother={() => {
          setResult(null);
          form.resetFields();
          clearHousehold();
        }}
      />
    );
  }

  const size = isMobile ? 'large' : 'middle';
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader title={t('visits.form.title')} subtitle={t('visits.form.subtitle')} />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Form<Values>
          form={form}
          layout="vertical"
          size={size}
          initialValues={initialValues}
          data-testid="visit-form"
          requiredMark={false}
        >
          <Form.Item label={t('visits.fields.household')} required>
            {householdId ? (
              household.isPending ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : household.isError ? (
                <Alert
                  type="error"
                  showIcon
                  title={household.error.message}
                  action={<Button onClick={clearHousehold}>{t('visits.form.change')}</Button>}
                />
              ) : h ? (
                <Card size="small" data-testid="visit-household">
                  <Flex justify="space-between" align="center" gap={8}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        <HomeOutlined /> {h.roomCode}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {h.primaryName ?? ''}
                      </Typography.Text>
                      {h.careFlags.length ? (
                        <div style={{ marginTop: 4 }}>
                          <CareFlagTags flags={h.careFlags} />
                        </div>
                      ) : null}
                      {h.hobbies.length || h.skills.length ? (
                        <Typography.Text
                          type="secondary"
                          style={{ display: 'block', fontSize: 12, marginTop: 4 }}
                        >
                          {t('visits.form.onFile', {
                            list: [...h.hobbies, ...h.skills].join(t('common.listSep')),
                          })}
                        </Typography.Text>
                      ) : null}
                    </div>
                    <Button onClick={clearHousehold}>{t('visits.form.change')}</Button>
                  </Flex>
                </Card>
              ) : null
            ) : (
              <HouseholdPicker
                estateId={estateId}
                onPick={pick}
                size={size}
                testId="visit-household-search"
              />
            )}
          </Form.Item>

          <Form.Item name="kind" label={t('visits.fields.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="visit-kind"
              options={VISIT_FORM_KINDS.map((k) => ({ value: k, label: t(`enums.visitKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="visitedAt"
            label={t('visits.fields.visitedAt')}
            extra={t('visits.form.visitedAtHint')}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              inputReadOnly={isMobile}
              data-testid="visit-at"
            />
          </Form.Item>
          <Form.Item name="metWhom" label={t('visits.fields.metWhom')} rules={[{ max: 60 }]}>
            <Input placeholder={t('visits.form.metWhomPlaceholder')} data-testid="visit-met" maxLength={60} />
          </Form.Item>
          <Form.Item name="hobbies" label={t('visits.fields.hobbies')} extra={t('visits.form.tagsHint')}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、', ' ']}
              open={false}
              suffixIcon={null}
              placeholder={t('visits.form.hobbiesPlaceholder')}
              data-testid="visit-hobbies"
              maxCount={30}
            />
          </Form.Item>
          <Form.Item name="skills" label={t('visits.fields.skills')}>
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、', ' ']}
              open={false}
              suffixIcon={null}
              placeholder={t('visits.form.skillsPlaceholder')}
              data-testid="visit-skills"
              maxCount={30}
            />
          </Form.Item>
          <Form.Item name="writeBack" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox data-testid="visit-writeback">{t('visits.form.writeBack')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.writeBack !== b.writeBack}>
            {({ getFieldValue }) =>
              getFieldValue('writeBack') ? (
                <Flex gap={12} vertical={isMobile}>
                  <Form.Item
                    name="familyStructure"
                    label={t('visits.fields.familyStructure')}
                    rules={[{ max: 60 }]}
                    style={{ flex: 1 }}
                  >
                    <Input placeholder={t('visits.form.familyStructurePlaceholder')} maxLength={60} />
                  </Form.Item>
                  <Form.Item name="tags" label={t('visits.fields.tags')} style={{ flex: 1 }}>
                    <Select
                      mode="tags"
                      tokenSeparators={[',', '，', '、', ' ']}
                      open={false}
                      suffixIcon={null}
                      placeholder={t('visits.form.tagsPlaceholder')}
                      maxCount={30}
                    />
                  </Form.Item>
                </Flex>
              ) : null
            }
          </Form.Item>
          <Form.Item name="familyChanges" label={t('visits.fields.familyChanges')} rules={[{ max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
          </Form.Item>
          <Form.Item name="needs" label={t('visits.fields.needs')} rules={[{ max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label={t('visits.fields.problems')}>
            <Form.List name="problems">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f, i) => (
                    <Flex key={f.key} gap={8} align="flex-start">
                      <Form.Item name={f.name} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 500 }]}>
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          maxLength={500}
                          placeholder={t('visits.form.problemPlaceholder', { n: i + 1 })}
                          data-testid={`visit-problem-${i}`}
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
                      data-testid="visit-problem-add"
                    >
                      {t('visits.form.addProblem')}
                    </Button>
                  ) : null}
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="satisfaction" label={t('visits.fields.satisfaction')}>
            <Rate style={{ fontSize: isMobile ? 32 : 24 }} data-testid="visit-satisfaction" />
          </Form.Item>
          <Form.Item name="flyerGiven" valuePropName="checked" label={t('visits.fields.flyerGiven')}>
            <Switch data-testid="visit-flyer" />
          </Form.Item>
          <Form.Item
            name="sensitiveLearned"
            label={t('visits.fields.sensitiveLearned')}
            extra={t('visits.form.sensitiveHint')}
          >
            <Checkbox.Group
              options={SENSITIVE_CATEGORIES.map((c) => ({
                value: c,
                label: t(`enums.sensitiveCategory.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="notes" label={t('visits.fields.notes')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('attachments.title')}>
            <PhotoPicker files={photos} onChange={setPhotos} big={isMobile} />
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
              data-testid="visit-save"
            >
              {t('visits.form.save')}
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
