import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

/** 车辆 in edit mode; plates are upper-cased as typed. */
export function VehiclesEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="vehicles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Card key={field.key} size="small" style={{ marginBottom: 12 }}>
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12} align="bottom">
                <Col xs={24} sm={10}>
                  <Form.Item
                    name={[field.name, 'plate']}
                    label={t('households.vehicle.plate')}
                    normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
                    rules={[
                      { required: true, message: t('validation.required') },
                      { pattern: PLATE, message: t('validation.plate') },
                    ]}
                  >
                    <Input placeholder="京A12345" maxLength={8} />
                  </Form.Item>
                </Col>
                <Col xs={18} sm={10}>
                  <Form.Item
                    name={[field.name, 'restrictionReminder']}
                    label={t('households.vehicle.restrictionReminder')}
                    valuePropName="checked"
                  >
                    <Switch />
                  </Form.Item>
                </Col>
                <Col xs={6} sm={4}>
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
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ plate: '', restrictionReminder: true })}
          >
            {t('households.vehicle.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
