import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  type FormInstance,
  Input,
  Row,
  Select,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, MEMBER_ROLES } from '../../../../api/enums';
import type { HouseholdFormValues, MemberFormValue } from '../householdForm';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * 家庭成员 in edit mode: one card per member; stored phones are hints, a typed number replaces them.
 * The e-mail starts as the stored address (masked for some readers): left as is it is kept, emptied
 * it is removed, and a masked one cannot be edited in place, only replaced.
 */
export function MembersEditor({
  form,
  hasMinorConsent,
}: {
  form: FormInstance<HouseholdFormValues>;
  hasMinorConsent: boolean;
}) {
  const { t } = useTranslation();
  const members = (Form.useWatch('members', form) ?? []) as MemberFormValue[];
  const hasMinor = members.some((m) => m?.ageBand === 'under14');

  const makePrimary = (index: number, checked: boolean) => {
    if (!checked) return;
    const list = (form.getFieldValue('members') ?? []) as MemberFormValue[];
    form.setFieldValue(
      'members',
      list.map((m, i) => ({ ...m, isPrimary: i === index })),
    );
  };

  return (
    <div>
      {hasMinor && !hasMinorConsent ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('households.member.minorConsentTitle')}
          description={t('households.member.minorConsentHint')}
        />
      ) : null}
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? <Empty description={t('households.member.empty')} /> : null}
            {fields.map((field, index) => {
              const stored = members[index]?.storedPhone;
              const storedEmail = members[index]?.storedEmail ?? '';
              const emailMasked = storedEmail.includes('*');
              const isExisting = !!members[index]?.id;
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Typography.Text>
                      {t('households.member.numbered', { n: index + 1 })}
                      {members[index]?.name ? ` · ${members[index].name}` : ''}
                    </Typography.Text>
                  }
                  extra={
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    >
                      {t('common.delete')}
                    </Button>
                  }
                >
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'storedPhone']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'storedEmail']} hidden>
                    <Input />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('households.member.name')}
                        rules={[
                          { required: true, whitespace: true, message: t('validation.required') },
                          { max: 40 },
                        ]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={3}>
                      <Form.Item
                        name={[field.name, 'relation']}
                        label={t('households.member.relation')}
                        rules={[{ max: 20 }]}
                      >
                        <Input placeholder={t('households.member.relationPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={3}>
                      <Form.Item
                        name={[field.name, 'role']}
                        label={t('households.member.role')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`enums.memberRole.${r}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={6}>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('households.member.phone')}
                        rules={[{ pattern: PHONE, message: t('validation.phone') }]}
                        extra={isExisting && stored ? t('households.member.phoneKeep') : undefined}
                      >
                        <Input
                          inputMode="tel"
                          allowClear
                          placeholder={stored ?? t('households.member.phonePlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={7}>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={t('households.member.email')}
                        rules={[
                          { type: 'email', message: t('validation.email') },
                          { max: 254, message: t('validation.email') },
                          {
                            // A masked address (w***@example.com) is kept as is or typed anew.
                            validator: async (_, value?: string) => {
                              const v = (value ?? '').trim();
                              if (v && v !== storedEmail && v.includes('*'))
                                throw new Error(t('households.member.emailMasked'));
                            },
                          },
                        ]}
                        extra={isExisting && emailMasked ? t('households.member.emailKeep') : undefined}
                      >
                        <Input
                          inputMode="email"
                          autoComplete="off"
                          allowClear
                          placeholder={t('households.member.emailPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={4}>
                      <Form.Item name={[field.name, 'ageBand']} label={t('households.member.ageBand')}>
                        <Select
                          allowClear
                          options={AGE_BANDS.map((a) => ({ value: a, label: t(`enums.ageBand.${a}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6} md={3}>
                      <Form.Item name={[field.name, 'isPrimary']} label=" " valuePropName="checked">
                        <Checkbox onChange={(e) => makePrimary(index, e.target.checked)}>
                          {t('households.member.primary')}
                        </Checkbox>
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() =>
                add({ name: '', role: 'family', phone: '', email: '', isPrimary: fields.length === 0 })
              }
              data-testid="member-add"
            >
              {t('households.member.add')}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}
