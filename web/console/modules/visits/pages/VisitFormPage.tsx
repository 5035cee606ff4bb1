import { Card, Checkbox, DatePicker, Flex, Form, Input, Rate, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
  VISIT_FORM_KINDS,
  type VisitFormKind,
} from '../../../../api/enums';
import { PageHeader } from '../../../../ui/PageHeader';
import { uploadPhotos } from '../../../components/attachments/attachmentsApi';
import { PhotoPicker } from '../../../components/attachments/PhotoPicker';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { CareFlagTags } from '../../households/components/CareFlagTags';
import { HouseholdField } from '../components/HouseholdField';
import { SafetyCheckForm } from '../components/SafetyCheckForm';
import { ProblemList, SaveBar } from '../components/VisitFormParts';
import { VisitResult } from '../components/VisitResult';
import { useSafetyChecksOnly } from '../hooks/useSafetyChecksOnly';
import { useVisitForm } from '../hooks/useVisitForm';

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
  return useSafetyChecksOnly() ? <SafetyCheckForm /> : <FullVisitForm />;
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
  // Photos wait in the browser until the visit exists, then go up one by one.
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoErrors, setPhotoErrors] = useState<{ name: string; message: string }[]>([]);
  const visit = useVisitForm<Values>({
    toBody: (v) => {
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
      return {
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
      };
    },
    afterCreate: async (r) => {
      setPhotoErrors(photos.length ? (await uploadPhotos('visit', r.id, photos)).failed : []);
      setPhotos([]);
    },
    mapPath: (p) => {
      if (p[0] === 'writeBack' && typeof p[1] === 'string') return [p[1]];
      return p.length ? [p[0]] : null;
    },
    refresh: (id) => [['households', 'detail', id], ['loyal-groups']],
  });
  const { form, params, result } = visit;
  const kindParam = params.get('kind') as VisitFormKind | null;

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

  if (result) return <VisitResult result={result} photoErrors={photoErrors} onAnother={visit.startOver} />;

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
          <HouseholdField
            param={visit}
            label={t('visits.fields.household')}
            changeLabel={t('visits.form.change')}
            size={size}
            testId="visit-household"
            pickerTestId="visit-household-search"
            roomFontSize={16}
            details={(h) => (
              <>
                {h.careFlags.length ? (
                  <div style={{ marginTop: 4 }}>
                    <CareFlagTags flags={h.careFlags} />
                  </div>
                ) : null}
                {h.hobbies.length || h.skills.length ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                    {t('visits.form.onFile', {
                      list: [...h.hobbies, ...h.skills].join(t('common.listSep')),
                    })}
                  </Typography.Text>
                ) : null}
              </>
            )}
          />

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
          <ProblemList
            name="problems"
            label={t('visits.fields.problems')}
            placeholder={(n) => t('visits.form.problemPlaceholder', { n })}
            addLabel={t('visits.form.addProblem')}
            testIdPrefix="visit-problem"
          />
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
          <SaveBar
            saving={visit.saving}
            disabled={!visit.householdId || !visit.household.data}
            onSave={() => void visit.submit()}
            testId="visit-save"
          >
            {t('visits.form.save')}
          </SaveBar>
        </Form>
      </Card>
    </div>
  );
}
