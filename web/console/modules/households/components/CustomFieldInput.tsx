import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { CustomFieldDef } from '../../../../api/types';

/** The input for one custom field, chosen by its type (antd Form passes value/onChange). */
export function CustomFieldInput({
  def,
  ...rest
}: {
  def: CustomFieldDef;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const props = rest as Record<string, unknown>;
  switch (def.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} {...props} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...props} />;
    case 'boolean':
      return <Switch {...props} checked={!!rest.value} />;
    case 'select':
      return <Select allowClear options={def.options.map((o) => ({ value: o, label: o }))} {...props} />;
    default:
      return <Input maxLength={500} {...props} />;
  }
}
