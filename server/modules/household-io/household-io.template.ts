import type ExcelJS from 'exceljs';
import { COLUMNS, type DataSheet, GENERAL_HELP, MAX_ROWS, SHEETS } from './household-io.columns.js';

/** Workbook layout shared by the template and the export: data sheets and the 说明 sheet. */

/** Excel column letter of a 1-based index (A … Z, AA …). */
function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Display width in Excel character units: CJK characters count double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** One data sheet: bold header (required columns in red), frozen, text/date formats, dropdowns. */
export function addDataSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: DataSheet,
  rows: Record<string, string>[],
  opts: { example?: boolean; footer?: string },
) {
  const defs = COLUMNS[sheet];
  const ws = wb.addWorksheet(SHEETS[sheet], {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...(opts.footer
      ? { headerFooter: { oddHeader: `&L${opts.footer}`, oddFooter: '&C第 &P 页，共 &N 页' } }
      : {}),
  });
  ws.columns = defs.map((d) => ({
    key: d.key,
    width: d.width,
    style: d.text ? { numFmt: '@' } : d.date ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const head = ws.addRow(defs.map((d) => d.header));
  head.height = 20;
  head.eachCell((cell, i) => {
    const def = defs[i - 1]!;
    cell.font = { bold: true, color: { argb: def.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };
  });
  head.commit();
  for (const values of rows) {
    const r = ws.addRow(defs.map((d) => values[d.key] ?? ''));
    if (opts.example) r.font = { italic: true, color: { argb: 'FF808080' } };
    r.commit();
  }
  defs.forEach((d, i) => {
    if (!d.options) return;
    const col = colLetter(i + 1);
    (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${col}2:${col}${MAX_ROWS[sheet] + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${d.options.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: d.header,
      error: `${d.header}只能是 ${d.options.join('/')}`,
      showInputMessage: true,
      promptTitle: d.header,
      prompt: d.help.slice(0, 250),
    });
  });
  ws.commit();
}

/** The 说明 sheet: general rules, then every column of every sheet with its help text. */
export function addHelpSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, watermark?: string) {
  const ws = wb.addWorksheet(SHEETS.help);
  ws.columns = [{ width: 12 }, { width: 14 }, { width: 8 }, { width: 100 }];
  if (watermark) {
    const w = ws.addRow([watermark]);
    w.font = { bold: true, color: { argb: 'FFC00000' } };
    w.commit();
  }
  const title = ws.addRow(['家庭档案导入导出说明']);
  title.font = { bold: true, size: 14 };
  title.height = 22;
  title.commit();
  GENERAL_HELP.forEach((line, i) => {
    ws.addRow([`${i + 1}. ${line}`]).commit();
  });
  ws.addRow(['红色表头为必填列；有下拉框的列可直接选择。']).commit();
  ws.addRow([]).commit();
  const head = ws.addRow(['工作表', '列名', '必填', '填写说明']);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  head.commit();
  for (const sheet of ['households', 'members', 'vehicles'] as const) {
    for (const d of COLUMNS[sheet]) {
      const r = ws.addRow([SHEETS[sheet], d.header, d.required ? '必填' : '', d.help]);
      r.getCell(4).alignment = { wrapText: true, vertical: 'top' };
      r.height = 15 * Math.max(1, Math.ceil(textWidth(d.help) / 98));
      r.commit();
    }
  }
  ws.commit();
}
