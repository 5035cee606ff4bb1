import type { AgendaTask, TaskEvidence } from '../../../contract/agenda.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { Lang } from '../../lib/i18n.js';
import type { TaskRow } from './agenda.repository.js';

/** Task row → API shape; `overdue` is decided by the caller (it knows the viewed day). */
export function toTask(r: TaskRow, lang: Lang, overdue: boolean): AgendaTask {
  return {
    id: r.id,
    estateId: r.estate_id,
    commitmentId: r.commitment_id || null,
    measureCode: r.measure_code,
    assigneeId: r.assignee_id || null,
    subject: r.subject,
    periodKey: r.period_key,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    kind: r.kind as AgendaTask['kind'],
    title: lang === 'en' ? r.title_en : r.title_zh,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    target: r.target === null ? null : Number(r.target),
    progress: Number(r.progress),
    dueAt: toIso(r.due_at)!,
    status: r.status as AgendaTask['status'],
    overdue,
    doneAt: toIso(r.done_at),
    evidence: fromJson<TaskEvidence>(r.evidence, {}),
    createdAt: toIso(r.created_at)!,
  };
}
