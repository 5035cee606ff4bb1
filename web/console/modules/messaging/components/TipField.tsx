import { Alert, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessagePurpose } from '../../../../api/messaging';
import { type Tip, useTipList, useTipProposals } from '../../tips/hooks/useTips';

/** The template that carries a tip as {tip} / {tipEn} (seeded in every estate). */
export const TIP_TEMPLATE: Partial<Record<MessagePurpose, string>> = {
  tips: 'seasonal_tip',
  health_tips: 'health_tip',
};

/** Whether a template is one of the tip templates (they carry the chosen tip, not text of their own). */
export function isTipTemplate(code: string | undefined): boolean {
  return !!code && Object.values(TIP_TEMPLATE).includes(code);
}

/** Whether a tip may be the content of a campaign with this purpose (health tips only as health_tips). */
export function tipFits(tip: Pick<Tip, 'category'>, purpose: MessagePurpose | undefined): boolean {
  return purpose === 'health_tips' ? tip.category === 'health' : tip.category !== 'health';
}

/**
 * The tip a tips campaign carries, from the library: this solar term's proposals first, then every
 * other active tip that fits the purpose. Choosing one puts the tip template in place.
 */
export function TipField({ estateId, purpose }: { estateId: string; purpose: MessagePurpose }) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const en = i18n.language === 'en';
  const proposals = useTipProposals(estateId);
  const library = useTipList(estateId, {});
  const fits = (x: Tip) => x.active && tipFits(x, purpose);
  const proposed = (proposals.data?.items ?? []).filter(fits);
  const proposedIds = new Set(proposed.map((x) => x.id));
  const rest = (library.data ?? []).filter((x) => fits(x) && !proposedIds.has(x.id));
  const option = (x: Tip) => ({
    value: x.id,
    label: `${en ? x.titleEn : x.titleZh} · ${t(`tips.categories.${x.category}`)}`,
    title: en ? x.textEn : x.textZh,
  });
  const chosenId = Form.useWatch<string | undefined>('tipId', form);
  const chosen = [...proposed, ...(library.data ?? [])].find((x) => x.id === chosenId);
  const term = proposals.data ? (en ? proposals.data.solarTermEn : proposals.data.solarTerm) : '';

  return (
    <>
      <Form.Item
        name="tipId"
        label={t('tips.campaign.tip')}
        extra={t('tips.campaign.tipHelp')}
        dependencies={['templateCode']}
        rules={[
          ({ getFieldValue }) => ({
            // The tip templates need a tip ({tip}); a template of one's own may carry its own text.
            validator: (_, v: string | undefined) =>
              !v && isTipTemplate(getFieldValue('templateCode'))
                ? Promise.reject(new Error(t('tips.campaign.tipRequired')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={proposals.isPending || library.isPending}
          data-testid="campaign-tip"
          onChange={() => {
            const code = TIP_TEMPLATE[purpose];
            if (code) form.setFieldValue('templateCode', code);
          }}
          options={[
            ...(proposed.length
              ? [{ label: t('tips.campaign.proposedGroup', { term }), options: proposed.map(option) }]
              : []),
            ...(rest.length ? [{ label: t('tips.campaign.otherGroup'), options: rest.map(option) }] : []),
          ]}
        />
      </Form.Item>
      {chosen ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={en ? chosen.titleEn : chosen.titleZh}
          description={en ? chosen.textEn : chosen.textZh}
          data-testid="campaign-tip-text"
        />
      ) : null}
    </>
  );
}
