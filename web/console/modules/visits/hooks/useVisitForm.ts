import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { Form } from 'antd';
import { useState } from 'react';
import { visitsApi } from '../../../../api/endpoints';
import type { CreateVisitBody, CreateVisitResult } from '../../../../api/types';
import { applyFieldErrors, type FieldPath } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { agendaKeys } from '../../agenda/hooks/useAgenda';
import { useHouseholdParam } from './useHouseholdParam';

/**
 * What every visit form does around its fields: the household in the URL, the antd form, and
 * saving. `submit` validates, creates the visit from the values (`toBody`), lets the form finish
 * its own work (`afterCreate`, e.g. photos), shows the result and refreshes the agenda, the visit
 * lists, the KPI board and what `refresh` names; a 400 goes on the fields `mapPath` names, else it
 * is notified. `startOver` clears the result, the fields and the household for the next visit.
 */
export function useVisitForm<V>({
  toBody,
  afterCreate,
  mapPath,
  refresh,
}: {
  toBody: (values: V) => Omit<CreateVisitBody, 'householdId'>;
  afterCreate?: (result: CreateVisitResult) => Promise<void>;
  mapPath: (path: FieldPath) => FieldPath | null;
  /** More to refresh once the visit of this household is saved. */
  refresh?: (householdId: string) => QueryKey[];
}) {
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const householdParam = useHouseholdParam();
  const { householdId, setHousehold } = householdParam;
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<CreateVisitResult | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    if (!householdId) return;
    setSaving(true);
    try {
      const r = await visitsApi.create({ householdId, ...toBody(v) });
      await afterCreate?.(r);
      setResult(r);
      for (const queryKey of [agendaKeys.all, agendaKeys.visits, ...(refresh?.(householdId) ?? []), ['kpi']])
        void qc.invalidateQueries({ queryKey });
    } catch (err) {
      if (applyFieldErrors(form, err, mapPath).length === 0) notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  const startOver = () => {
    setResult(null);
    form.resetFields();
    setHousehold(null);
  };

  return { ...householdParam, form, saving, result, submit, startOver };
}
