import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Popconfirm,
  Radio,
  Skeleton,
  Steps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import type { CareFlag, Occupancy } from '../../../../api/enums';
import {
  type CampaignChannel,
  type CampaignPreview,
  type CampaignProposal,
  type CreateCampaignBody,
  campaignsApi,
  type MessagePurpose,
} from '../../../../api/messaging';
import { todayIn, zonedIso } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import type { Tip } from '../../tips/hooks/useTips';
import { AudienceFields } from '../components/AudienceFields';
import { ContentFields } from '../components/ContentFields';
import { PreviewPanel } from '../components/PreviewPanel';
import { TIP_TEMPLATE } from '../components/TipField';
import { messagingKeys, useEstateZone } from '../hooks/useMessaging';

interface Values {
  name: string;
  purpose: MessagePurpose;
  channel: CampaignChannel;
  templateCode: string;
  tipId?: string;
  buildingIds?: string[];
  tags?: string[];
  careFlags?: CareFlag[];
  occupancy?: Occupancy[];
  when: 'now' | 'scheduled';
  scheduledAt?: Dayjs;
  throttlePerMinute?: number | null;
}

const STEP_FIELDS: (keyof Values)[][] = [
  ['name', 'purpose', 'channel', 'templateCode', 'tipId'],
  ['buildingIds', 'tags', 'careFlags', 'occupancy'],
  ['when', 'scheduledAt', 'throttlePerMinute'],
  [],
];

/** Form values from a tip of the library ("use in a campaign"): its purpose, template and the tip. */
function fromTip(tip: Tip): Partial<Values> {
  const purpose: MessagePurpose = tip.category === 'health' ? 'health_tips' : 'tips';
  return {
    name: tip.titleZh,
    purpose,
    // The portal inbox needs no SMS provider and suits health tips (never by SMS).
    channel: 'portal',
    templateCode: TIP_TEMPLATE[purpose],
    tipId: tip.id,
    when: 'now',
  };
}

/**
 * Form values from a proposal: its name, template, audience; sent at 09:00 that day. A birthday
 * proposal's audience is the day (audience.birthday), which the wizard keeps as it is.
 */
function fromProposal(p: CampaignProposal | undefined, today: string): Partial<Values> {
  if (!p) return { purpose: 'greetings', channel: 'dev', when: 'now' };
  const future = p.sendDate > today;
  return {
    name: p.name,
    purpose: p.purpose,
    channel: 'dev',
    templateCode: p.templateCode,
    careFlags: p.audience.careFlags,
    occupancy: p.audience.occupancy,
    buildingIds: p.audience.buildingIds,
    tags: p.audience.tags,
    when: future ? 'scheduled' : 'now',
    scheduledAt: future ? dayjs(`${p.sendDate}T09:00`) : undefined,
  };
}

/**
 * 新建群发: content (purpose, channel, template, a tip of the library), audience, schedule and throttle, then a preview
 * of the count and a sample message before it is saved and started.
 */
export function CampaignNewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const { estateId, timeZone } = useEstateZone();
  const state = useLocation().state as { proposal?: CampaignProposal; tip?: Tip } | null;
  const proposal = state?.proposal;
  const tip = state?.tip;
  const birthday = proposal?.kind === 'birthday' ? proposal.audience.birthday : undefined;
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const initial = useMemo(
    () => (tip ? fromTip(tip) : fromProposal(proposal, todayIn(timeZone))),
    [proposal, timeZone, tip],
  );
  // The festival's name in the UI language (not for a birthday proposal).
  const festival =
    proposal && !birthday ? (i18n.language === 'en' ? proposal.festivalEn : proposal.festival) : undefined;
  // A 400 naming fields of the first step (health tips by SMS: channel) is shown on those fields.
  const [fieldErrors, setFieldErrors] = useState<unknown>(null);
  useEffect(() => {
    if (step !== 0 || !fieldErrors) return;
    // After the first step's fields have mounted and settled (a field mounting resets its meta).
    const timer = setTimeout(() => {
      applyFieldErrors(form, fieldErrors);
      setFieldErrors(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [step, fieldErrors, form]);
  const onApiError = (err: unknown) => {
    const first = STEP_FIELDS[0] as (string | number)[];
    if (err instanceof ApiError && err.status === 400 && err.issues.some((i) => first.includes(i.path[0]!))) {
      setStep(0);
      setFieldErrors(err);
    } else notifyError(err);
  };
  const when = Form.useWatch('when', form);

  // Once the estate's time zone is known, settle the proposal's schedule (once: never over edits).
  const settled = useRef(false);
  useEffect(() => {
    if (settled.current || !timeZone) return;
    settled.current = true;
    form.setFieldsValue(initial);
  }, [form, initial, timeZone]);

  const body = (): CreateCampaignBody => {
    const v = { ...initial, ...form.getFieldsValue(true) } as Values;
    const list = <T,>(a: T[] | undefined) => (a?.length ? a : undefined);
    return {
      name: v.name.trim(),
      purpose: v.purpose,
      channel: v.channel,
      templateCode: v.templateCode,
      festival: proposal?.festival ?? null,
      tipId: TIP_TEMPLATE[v.purpose] ? v.tipId || null : null,
      audience: {
        buildingIds: list(v.buildingIds),
        tags: list(v.tags),
        careFlags: list(v.careFlags),
        occupancy: list(v.occupancy),
        birthday,
      },
      scheduledAt:
        v.when === 'scheduled' && v.scheduledAt
          ? zonedIso(v.scheduledAt.format('YYYY-MM-DD'), v.scheduledAt.format('HH:mm'), timeZone)
          : null,
      throttlePerMinute: v.throttlePerMinute || null,
    };
  };

  const previewMut = useMutation({
    mutationFn: () => campaignsApi.preview(estateId, body()),
    onSuccess: setPreview,
    onError: onApiError,
  });
  const save = useMutation({
    mutationFn: async (start: boolean) => {
      const created = await campaignsApi.create(estateId, body());
      return start ? campaignsApi.start(created.id) : created;
    },
    onSuccess: (c) => {
      message.success(
        c.status === 'draft'
          ? t('campaigns.wizard.savedDraft')
          : t('campaigns.wizard.started', { n: c.enqueuedCount }),
      );
      void qc.invalidateQueries({ queryKey: messagingKeys.campaigns });
      void qc.invalidateQueries({ queryKey: messagingKeys.messages });
      navigate(`/campaigns/${encodeURIComponent(c.id)}`);
    },
    onError: onApiError,
  });

  const next = async () => {
    await form.validateFields(STEP_FIELDS[step] as string[][] | string[]);
    const to = step + 1;
    setStep(to);
    if (to === 3) {
      setPreview(null);
      previewMut.mutate();
    }
  };

  return (
    <div style={{ maxWidth: 860 }} data-testid="campaign-wizard">
      <PageHeader
        title={
          birthday
            ? t('campaigns.wizard.titleBirthday', { day: birthday })
            : proposal
              ? t('campaigns.wizard.titleFestival', { festival })
              : tip
                ? t('campaigns.wizard.titleTip')
                : t('campaigns.wizard.title')
        }
      />
      <Card>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('campaigns.wizard.stepContent') },
            { title: t('campaigns.wizard.stepAudience') },
            { title: t('campaigns.wizard.stepSchedule') },
            { title: t('campaigns.wizard.stepPreview') },
          ]}
        />
        <Form<Values> form={form} layout="vertical" name="campaign" initialValues={initial}>
          {step === 0 && estateId ? <ContentFields estateId={estateId} festival={festival} /> : null}
          {step === 1 && birthday ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="audience-birthday"
              title={t('campaigns.audience.birthdayOnly', { day: birthday, n: proposal?.recipients ?? 0 })}
            />
          ) : null}
          {step === 1 && estateId ? <AudienceFields estateId={estateId} /> : null}
          {step === 2 ? (
            <>
              <Form.Item name="when" label={t('campaigns.wizard.when')}>
                <Radio.Group
                  options={[
                    { value: 'now', label: t('campaigns.wizard.whenNow') },
                    { value: 'scheduled', label: t('campaigns.wizard.whenScheduled') },
                  ]}
                />
              </Form.Item>
              {when === 'scheduled' ? (
                <Form.Item
                  name="scheduledAt"
                  label={t('campaigns.wizard.scheduledAt', { zone: timeZone ?? '' })}
                  rules={[{ required: true, message: t('campaigns.wizard.scheduledRequired') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%', maxWidth: 280 }}
                  />
                </Form.Item>
              ) : null}
              <Form.Item
                name="throttlePerMinute"
                label={t('campaigns.wizard.throttle')}
                extra={t('campaigns.wizard.throttleHelp')}
              >
                <InputNumber
                  min={1}
                  max={100000}
                  style={{ width: 200 }}
                  placeholder={t('campaigns.wizard.noThrottle')}
                />
              </Form.Item>
              <Alert type="info" showIcon title={t('campaigns.wizard.quietHours')} />
            </>
          ) : null}
          {step === 3 ? (
            previewMut.isPending || !preview ? (
              previewMut.isError ? (
                <Alert type="error" showIcon title={(previewMut.error as Error).message} />
              ) : (
                <Skeleton active />
              )
            ) : (
              <PreviewPanel preview={preview} channel={form.getFieldValue('channel')} />
            )
          ) : null}
        </Form>
        <Flex justify="space-between" gap={8} wrap style={{ marginTop: 24 }}>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            {t('campaigns.wizard.back')}
          </Button>
          {step < 3 ? (
            <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
              {step === 2 ? t('campaigns.wizard.toPreview') : t('campaigns.wizard.next')}
            </Button>
          ) : (
            <Flex gap={8} wrap>
              <Button
                loading={save.isPending && save.variables === false}
                disabled={!preview}
                onClick={() => save.mutate(false)}
                data-testid="wizard-save-draft"
              >
                {t('campaigns.wizard.saveDraft')}
              </Button>
              <Popconfirm
                title={t('campaigns.wizard.startConfirm', { n: preview?.recipients ?? 0 })}
                okText={t('campaigns.wizard.start')}
                cancelText={t('common.cancel')}
                onConfirm={() => save.mutate(true)}
              >
                <Button
                  type="primary"
                  disabled={!preview || preview.recipients === 0}
                  loading={save.isPending && save.variables === true}
                  data-testid="wizard-start"
                >
                  {t('campaigns.wizard.createAndStart')}
                </Button>
              </Popconfirm>
            </Flex>
          )}
        </Flex>
      </Card>
    </div>
  );
}
