import { CheckCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CreateVisitResult, SensitiveFollowUp } from '../../../../api/types';
import { PhotoUploader } from '../../../components/attachments/PhotoUploader';
import { useIsMobile } from '../../../hooks/useIsMobile';

/** What happened after saving: the visit, the archive write-back, the sensitive follow-ups. */
export function VisitResult({
  result: r,
  onAnother,
  photoErrors = [],
}: {
  result: CreateVisitResult;
  onAnother: () => void;
  /** Photos chosen on the form that the server refused: name and its message. */
  photoErrors?: { name: string; message: string }[];
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const wb = r.writeBack;
  const fields = wb.fields
    .map((f) => t(`visits.archiveField.${f}`, { defaultValue: f }))
    .join(t('common.listSep'));
  const wbAlert: Record<string, { type: 'success' | 'info' | 'warning'; text: string } | null> = {
    not_requested: null,
    applied: { type: 'success', text: t('visits.writeBack.applied', { fields }) },
    unchanged: { type: 'info', text: t('visits.writeBack.unchanged') },
    not_permitted: { type: 'warning', text: t('visits.writeBack.not_permitted') },
    conflict: { type: 'warning', text: t('visits.writeBack.conflict') },
  };
  const shown = wbAlert[wb.status];
  const careLink = `/households/${encodeURIComponent(r.householdId)}?tab=care`;
  return (
    <div style={{ maxWidth: 720 }}>
      <Card data-testid="visit-result" data-write-back={wb.status}>
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('visits.result.saved', { room: r.roomCode })}
          subTitle={`${t(`enums.visitKind.${r.kind}`)} · ${r.visitorName}`}
          style={{ padding: isMobile ? '16px 0' : undefined }}
        />
        <Flex vertical gap={8}>
          {shown ? (
            <Alert
              type={shown.type}
              showIcon
              title={shown.text}
              data-testid="visit-writeback-result"
              action={
                wb.status === 'conflict' ? (
                  <Link to={`/households/${encodeURIComponent(r.householdId)}`}>
                    {t('visits.result.openArchive')}
                  </Link>
                ) : undefined
              }
            />
          ) : null}
          {r.problems.length ? (
            <Alert type="info" showIcon title={t('visits.result.problems', { n: r.problems.length })} />
          ) : null}
          {r.sensitiveFollowUp.map((s) => (
            <SensitiveHint key={s.category} followUp={s} careLink={careLink} />
          ))}
          {photoErrors.length ? (
            <Alert
              type="warning"
              showIcon
              data-testid="visit-photo-errors"
              title={t('attachments.someFailed', {
                count: photoErrors.length,
                details: photoErrors.map((e) => `${e.name}: ${e.message}`).join('; '),
              })}
            />
          ) : null}
          <Card size="small" title={t('attachments.title')}>
            <PhotoUploader ownerKind="visit" ownerId={r.id} big={isMobile} />
          </Card>
        </Flex>
        <Flex vertical={isMobile} gap={8} justify="center" style={{ marginTop: 16 }}>
          <Link to="/agenda">
            <Button type="primary" size="large" block={isMobile} data-testid="visit-back-agenda">
              {t('visits.result.backToAgenda')}
            </Button>
          </Link>
          <Button size="large" icon={<PlusOutlined />} onClick={onAnother} block={isMobile}>
            {t('visits.result.another')}
          </Button>
          <Link to={`/households/${encodeURIComponent(r.householdId)}`}>
            <Button size="large" block={isMobile}>
              {t('visits.result.openArchive')}
            </Button>
          </Link>
        </Flex>
      </Card>
    </div>
  );
}

/** A sensitive fact was learned: where and how to record it (consent first when there is none). */
function SensitiveHint({ followUp: s, careLink }: { followUp: SensitiveFollowUp; careLink: string }) {
  const { t } = useTranslation();
  const category = t(`enums.sensitiveCategory.${s.category}`);
  const purpose = t(`enums.consentPurpose.${s.purpose}`, { defaultValue: s.purpose });
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid={`visit-sensitive-${s.category}`}
      title={t(`visits.sensitive.${s.next}`, { category, purpose })}
      description={
        <Flex gap={6} wrap align="center">
          <Tag color={s.consentActive ? 'success' : 'warning'}>
            {s.consentActive ? t('visits.sensitive.consentActive') : t('visits.sensitive.consentMissing')}
          </Tag>
          <Link to={careLink} data-testid={`visit-sensitive-link-${s.category}`}>
            {t('visits.sensitive.openCare')}
          </Link>
        </Flex>
      }
    />
  );
}
