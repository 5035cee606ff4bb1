import ExcelJS from 'exceljs';
import type { MonthlyReportData } from './journey.service.js';

/** Sheet names of the workbook, one per report section. */
export const REPORT_SHEETS = ['概览', '承诺兑现', '入户走访', '服务工单', '服务评价', '客户旅程'] as const;

/** The monthly report as an Excel workbook: the same sections as the PDF, one sheet each. */
export async function renderMonthlyXlsx(d: MonthlyReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Guanjia 管家';
  wb.created = new Date(d.generatedAt);
  const sheet = (name: string, header: string[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    ws.columns.forEach((c) => {
      c.width = 18;
    });
    return ws;
  };
  const o = sheet('概览', ['项目', '内容']);
  o.addRows([
    ['标题', d.title],
    ['月份', d.month],
    ['承诺兑现', `${d.promises.kept} / ${d.promises.total}`],
    ['生成时间 (UTC)', d.generatedAt],
    ['说明', '仅含统计数字，不含住户个人信息'],
  ]);
  const p = sheet('承诺兑现', ['措施', '内容', '目标', '实际', '达成率', '状态']);
  for (const r of d.promises.rows) p.addRow([r.code, r.text, r.target, r.actual, r.compliance, r.status]);
  p.getColumn(5).numFmt = '0%';
  p.getColumn(2).width = 50;
  const v = sheet('入户走访', ['类型', '代码', '次数']);
  for (const x of d.visits) v.addRow([x.label, x.kind, x.count]);
  const s = sheet('服务工单', ['指标', '数值']);
  s.addRows([
    ['受理', d.requests.taken],
    ['完成', d.requests.completed],
    ['平均响应（分钟）', d.requests.avgResponseMinutes],
    ['平均完成（分钟）', d.requests.avgCompletionMinutes],
    ['免费服务', d.requests.freeJobs],
  ]);
  const r = sheet('服务评价', ['指标', '数值']);
  r.addRow(['评价份数', d.ratings.count]);
  for (const a of d.ratings.averages) r.addRow([`平均分：${a.label}`, a.average]);
  r.addRows([
    ['低分', d.ratings.lowScores],
    ['低分回访已完成', d.ratings.revisitsDone],
    ['低分回访待完成', d.ratings.revisitsOpen],
  ]);
  const j = sheet('客户旅程', ['阶段', '代码', '停留在此阶段', '累计达到']);
  for (const f of d.funnel) j.addRow([f.label, f.code, f.atStage, f.reached]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
