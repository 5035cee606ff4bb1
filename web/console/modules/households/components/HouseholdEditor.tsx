import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { householdsApi } from '../../../../api/endpoints';
import { CARE_FLAGS, CONTACT_CHANNELS, OCCUPANCIES } from '../../../../api/enums';
import type { CustomFieldDef, Household } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { fieldLabel } from '../customFieldLabel';
import { householdKey } from '../hooks/useHousehold';
import { historyKey } from '../hooks/useHouseholdHistory';
import { type HouseholdFormValues, tabOfPath, toFormValues, toUpdateBody } from '../householdForm';
import { CustomFieldInput } from './CustomFieldInput';
import { MembersEditor } from './MembersEditor';
import { PetsEditor } from './PetsEditor';
import { VehiclesEditor } from './VehiclesEditor';

const TAG_SEPARATORS = [',', '，', '、', ';', '；'];

/**
 * 编辑 mode: the whole archive in one form, saved with one PATCH carrying the version the user
 * started from. A 412 means someone else saved first: say so and offer to reload.
 */
export function HouseholdEditor({
  household,
  defs,
  hasMinorConsent,
  onDone,
  reload,
}: {
  household: Household;
  defs: CustomFieldDef[];
  hasMinorConsent: boolean;
  onDone: () => void;
  /** Fetches the current archive from the server. */
  reload: () => Promise<Household | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HouseholdFormValues>();
  // The version being edited: fixed when editing starts, replaced only by an explicit reload,
  // so a background refresh can never make us overwrite someone else's change.
  const [base, setBase] = useState(household);
  const [tab, setTab] = useState('basic');
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const activeDefs = defs.filter((d) => d.active);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when a new base version is adopted
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toFormValues(base, defs));
  }, [base.id, base.version, form]);

  const save = useMutation({
    mutationFn: (values: HouseholdFormValues) =>
      householdsApi.update(base.id, toUpdateBody(values, base, defs)),
    onSuccess: (saved) => {
      queryClient.setQueryData(householdKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['households', 'list'] });
      void queryClient.invalidateQueries({ queryKey: historyKey(saved.id) });
      message.success(t('households.edit.saved'));
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        setConflict(err.message);
        return;
      }
      const paths = applyFieldErrors(form, err, (p) => (p[0] === 'version' ? null : p));
      if (paths.length) setTab(tabOfPath(paths[0]));
      if (err instanceof ApiError && err.code === 'MINOR_CONSENT_REQUIRED') setTab('members');
      notifyError(err);
    },
  });

  const submit = async () => {
    try {
      const values = await form.validateFields();
      save.mutate({ ...form.getFieldsValue(true), ...values } as HouseholdFormValues);
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) setTab(tabOfPath(first.name));
      message.warning(t('households.edit.fixErrors'));
    }
  };

  const doReload = async () => {
    setReloading(true);
    try {
      const fresh = await reload();
      if (fresh) {
        setBase(fresh);
        setConflict(null);
        message.info(t('households.edit.reloaded', { version: fresh.version }));
      }
    } catch (err) {
      notifyError(err);
    } finally {
      setReloading(false);
    }
  };

  const basic = (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="occupancy" label={t('households.fields.occupancy')} rules={[{ required: true }]}>
          <Select options={OCCUPANCIES.map((o) => ({ value: o, label: t(`enums.occupancy.${o}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="moveInDate" label={t('households.fields.moveInDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="familyStructure"
          label={t('households.fields.familyStructure')}
          rules={[{ max: 60 }]}
        >
          <Input placeholder={t('households.edit.familyStructurePlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="hobbies" label={t('households.fields.hobbies')}>
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} maxCount={30} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="skills" label={t('households.fields.skills')}>
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} maxCount={30} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="tags" label={t('households.fields.tags')}>
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} maxCount={30} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="preferredChannel" label={t('households.fields.preferredChannel')}>
          <Select
            allowClear
            options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name="preferredHours" label={t('households.fields.preferredHours')} rules={[{ max: 40 }]}>
          <Input placeholder={t('households.edit.preferredHoursPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="notes" label={t('households.fields.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('households.edit.tagsHint')}
        </Typography.Text>
      </Col>
    </Row>
  );

  const care = (
    <div>
      <Form.Item name="careFlags" label={t('households.fields.careFlags')}>
        <Checkbox.Group style={{ width: '100%' }}>
          <Row gutter={[8, 8]}>
            {CARE_FLAGS.map((c) => (
              <Col key={c} xs={12} md={6}>
                <Checkbox value={c}>{t(`enums.careFlag.${c}`)}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Alert type="info" showIcon title={t('households.edit.sensitiveElsewhere')} />
    </div>
  );

  const custom =
    activeDefs.length === 0 ? (
      <Empty description={t('households.custom.none')} />
    ) : (
      <Row gutter={16}>
        {activeDefs.map((d) => (
          <Col key={d.key} xs={24} md={12}>
            <Form.Item
              name={['customFields', d.key]}
              label={fieldLabel(d, i18n.language)}
              valuePropName={d.type === 'boolean' ? 'checked' : 'value'}
            >
              <CustomFieldInput def={d} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    );

  return (
    <Card
      data-testid="household-editor"
      title={t('households.edit.title', { room: base.roomCode })}
      extra={<Typography.Text type="secondary">v{base.version}</Typography.Text>}
    >
      {conflict ? (
        <Alert
          data-testid="household-conflict"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('households.edit.conflictTitle')}
          description={conflict}
          action={
            <Button
              danger
              icon={<ReloadOutlined />}
              loading={reloading}
              onClick={doReload}
              data-testid="household-reload"
            >
              {t('households.edit.reload')}
            </Button>
          }
        />
      ) : null}
      <Form<HouseholdFormValues> form={form} layout="vertical" name="household-edit" scrollToFirstError>
        <Tabs
          id="household-edit-tabs"
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: t('households.tabs.basic'), children: basic, forceRender: true },
            {
              key: 'members',
              label: t('households.tabs.members'),
              forceRender: true,
              children: <MembersEditor form={form} hasMinorConsent={hasMinorConsent} />,
            },
            { key: 'care', label: t('households.tabs.care'), children: care, forceRender: true },
            {
              key: 'pets',
              label: t('households.tabs.pets'),
              children: <PetsEditor form={form} />,
              forceRender: true,
            },
            {
              key: 'vehicles',
              label: t('households.tabs.vehicles'),
              children: <VehiclesEditor />,
              forceRender: true,
            },
            { key: 'custom', label: t('households.tabs.custom'), children: custom, forceRender: true },
          ]}
        />
      </Form>
      <Flex
        justify="flex-end"
        gap={8}
        style={{
          position: 'sticky',
          bottom: 0,
          background: '#fff',
          padding: '12px 0 0',
          marginTop: 8,
          borderTop: '1px solid #f0f0f0',
          zIndex: 2,
        }}
      >
        {isMobile ? null : (
          <Typography.Text type="secondary" style={{ marginInlineEnd: 'auto', alignSelf: 'center' }}>
            {t('households.edit.hint')}
          </Typography.Text>
        )}
        <Button onClick={onDone} disabled={save.isPending} data-testid="household-cancel">
          {t('common.cancel')}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={save.isPending}
          disabled={!!conflict}
          onClick={submit}
          data-testid="household-save"
        >
          {t('common.save')}
        </Button>
      </Flex>
    </Card>
  );
}
