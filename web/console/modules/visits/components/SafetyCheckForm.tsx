import { CheckCircleOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
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
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { PhotoUploader } from '../../../components/attachments/PhotoUploader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useVisitForm } from '../hooks/useVisitForm';
import { HouseholdField } from './HouseholdField';
import { ProblemList, SaveBar } from './VisitFormParts';

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
  const visit = useVisitForm<Values>({
    toBody: (v) => {
      const items = (v.checked ?? []).map((i) => t(`guardVisit.items.${i}`)).join(t('common.listSep'));
      const notes = [
        items ? t('guardVisit.notesChecked', { items }) : null,
        v.explained ? t('guardVisit.notesExplained') : null,
        v.notes?.trim() || null,
      ].filter(Boolean);
      const hazards = (v.hazards ?? []).map((p) => p?.trim()).filter((p): p is string => !!p);
      return {
        kind: 'safety_check',
        visitedAt: v.visitedAt ? v.visitedAt.toISOString() : undefined,
        metWhom: v.metWhom?.trim() || undefined,
        notes: notes.length ? notes.join('\n') : undefined,
        problems: hazards.length ? hazards : undefined,
      };
    },
    mapPath: (p) => {
      if (p[0] === 'problems') return ['hazards', ...p.slice(1)];
      return p.length ? [p[0]] : null;
    },
  });
  const { form, result } = visit;

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
              onClick={visit.startOver}
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
          <HouseholdField
            param={visit}
            label={t('guardVisit.household')}
            changeLabel={t('guardVisit.change')}
            size={size}
            testId="safety-check-household"
            pickerTestId="safety-check-room"
            roomFontSize={18}
            placeholder={t('guardVisit.roomPlaceholder')}
            hint={t('guardVisit.roomHint')}
          />
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
          <ProblemList
            name="hazards"
            label={t('guardVisit.hazards')}
            extra={t('guardVisit.hazardsHint')}
            placeholder={(n) => t('guardVisit.hazardPlaceholder', { n })}
            addLabel={t('guardVisit.addHazard')}
            testIdPrefix="safety-check-hazard"
          />
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
          <SaveBar
            saving={visit.saving}
            disabled={!visit.householdId || !visit.household.data}
            onSave={() => void visit.submit()}
            testId="safety-check-save"
          >
            {t('guardVisit.save')}
          </SaveBar>
        </Form>
      </Card>
    </div>
  );
}
