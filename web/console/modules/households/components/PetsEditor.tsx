import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, type FormInstance, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DOG_SIZES, PET_KINDS } from '../../../../api/enums';
import type { HouseholdFormValues, PetFormValue } from '../householdForm';

/** 宠物 in edit mode. */
export function PetsEditor({ form }: { form: FormInstance<HouseholdFormValues> }) {
  const { t } = useTranslation();
  const pets = (Form.useWatch('pets', form) ?? []) as PetFormValue[];
  return (
    <Form.List name="pets">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card key={field.key} size="small" style={{ marginBottom: 12 }}>
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12} align="bottom">
                <Col xs={12} sm={8} md={4}>
                  <Form.Item
                    name={[field.name, 'kind']}
                    label={t('households.pet.kind')}
                    rules={[{ required: true }]}
                  >
                    <Select options={PET_KINDS.map((k) => ({ value: k, label: t(`enums.petKind.${k}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8} md={4}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('households.pet.name')}
                    rules={[{ max: 40 }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8} md={4}>
                  <Form.Item name={[field.name, 'size']} label={t('households.pet.size')}>
                    <Select
                      allowClear
                      disabled={pets[index]?.kind !== 'dog'}
                      options={DOG_SIZES.map((s) => ({ value: s, label: t(`enums.dogSize.${s}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8} md={5}>
                  <Form.Item
                    name={[field.name, 'vaccinatedUntil']}
                    label={t('households.pet.vaccinatedUntil')}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={12} md={6}>
                  <Form.Item
                    name={[field.name, 'notes']}
                    label={t('households.pet.notes')}
                    rules={[{ max: 200 }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={4} md={1}>
                  <Form.Item label=" ">
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'dog' })}>
            {t('households.pet.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
