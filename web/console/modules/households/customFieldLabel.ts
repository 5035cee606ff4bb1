import type { CustomFieldDef } from '../../../api/types';

/** A custom field's label in the UI language (the English label when there is one). */
export function fieldLabel(def: CustomFieldDef, lang: string): string {
  return lang === 'en' && def.labelEn ? def.labelEn : def.label;
}
