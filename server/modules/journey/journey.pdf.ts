import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CJK_FONT_FACE, CJK_FONT_PATH } from '../ratings/index.js';
import type { MonthlyReportData } from './journey.service.js';

let fontCache: { path: string; data: Buffer | null } | undefined;
function cjkFont(path: string): Buffer | null {
  if (fontCache?.path !== path) {
    let data: Buffer | null = null;
    try {
      data = existsSync(path) ? readFileSync(path) : null;
    } catch {
      data = null;
    }
    fontCache = { path, data };
  }
  return fontCache.data;
}

const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v * 100)}%`);
const num = (v: number | null) => (v == null ? '—' : String(v));

/**
 * The monthly service report (物业服务月报): A4, counts only. Bar charts are plain pdfkit rectangles.
 * Without the CJK font, non-Latin text prints as "?" in Helvetica (and the caller is told).
 */
export async function renderMonthlyPdf(
  d: MonthlyReportData,
  fontPath = CJK_FONT_PATH,
): Promise<{ bytes: Buffer; cjk: boolean }> {
  const font = cjkFont(fontPath);
  const cjk = font !== null;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: { Title: cjk ? d.title : `Monthly service report ${d.month}`, Creator: 'Guanjia 管家' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font) doc.registerFont('cjk', font, CJK_FONT_FACE);
  const body = cjk ? 'cjk' : 'Helvetica';
  const safe = (s: string) => (cjk ? s : s.replace(/[^\u0020-\u00ff]/g, '?'));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => {
    if (doc.y + h > bottom) doc.addPage();
  };
  const heading = (s: string) => {
    room(60);
    doc.moveDown(0.8).font(body).fontSize(13).fillColor('#1a4d8f').text(safe(s), left, doc.y, { width });
    doc.moveDown(0.3).fillColor('#000').fontSize(10);
  };
  const line = (s: string) => {
    room(16);
    doc.font(body).fontSize(10).fillColor('#000').text(safe(s), left, doc.y, { width });
  };
  /** A horizontal bar chart: label, bar scaled to `max`, value text. */
  const bars = (items: { label: string; value: number; text?: string }[], max?: number) => {
    const top = Math.max(1, max ?? Math.max(...items.map((i) => i.value), 1));
    const labelW = width * 0.32;
    const barW = width * 0.52;
    for (const it of items) {
      room(18);
      const y = doc.y;
      doc
        .font(body)
        .fontSize(9)
        .fillColor('#000')
        .text(safe(it.label), left, y, { width: labelW - 6, lineBreak: false, ellipsis: true });
      doc.rect(left + labelW, y, barW, 11).fill('#eef2f7');
      const w = Math.max(0, Math.min(1, it.value / top)) * barW;
      if (w > 0) doc.rect(left + labelW, y, w, 11).fill('#3b7dd8');
      doc
        .fillColor('#000')
        .text(it.text ?? String(it.value), left + labelW + barW + 6, y, { lineBreak: false });
      doc.y = y + 16;
      doc.x = left;
    }
  };

  doc.font(body).fontSize(18).text(safe(d.title), { align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(
      safe(
        `统计月份：${d.month}　生成时间：${d.generatedAt.slice(0, 16).replace('T', ' ')} UTC　（仅含统计数字，不含住户个人信息）`,
      ),
      { align: 'center' },
    );
  doc.fillColor('#000');

  heading(`一、本月承诺兑现（${d.promises.kept} / ${d.promises.total}）`);
  if (!d.promises.rows.length) line('本月没有带考核承诺的措施。');
  for (const r of d.promises.rows)
    line(
      `${r.code}  ${r.text.slice(0, 40)}　目标 ${num(r.target)}　实际 ${num(r.actual)}　达成率 ${pct(r.compliance)}`,
    );
  if (d.promises.rows.length) {
    doc.moveDown(0.4);
    bars(
      d.promises.rows.map((r) => ({ label: r.code, value: r.compliance ?? 0, text: pct(r.compliance) })),
      1,
    );
  }

  heading('二、入户走访');
  const totalVisits = d.visits.reduce((n, v) => n + v.count, 0);
  line(`本月走访共 ${totalVisits} 户次。`);
  if (d.visits.length) bars(d.visits.map((v) => ({ label: v.label, value: v.count })));

  heading('三、服务工单');
  const q = d.requests;
  line(`受理 ${q.taken} 单，完成 ${q.completed} 单，其中免费服务 ${q.freeJobs} 单。`);
  line(`平均响应时间 ${num(q.avgResponseMinutes)} 分钟，平均完成时间 ${num(q.avgCompletionMinutes)} 分钟。`);
  bars([
    { label: '受理', value: q.taken },
    { label: '完成', value: q.completed },
    { label: '免费服务', value: q.freeJobs },
  ]);

  heading('四、服务评价与回访');
  const r = d.ratings;
  line(
    `收到评价 ${r.count} 份；低分 ${r.lowScores} 份，低分回访已完成 ${r.revisitsDone} 次、待完成 ${r.revisitsOpen} 次。`,
  );
  bars(
    r.averages.map((a) => ({
      label: a.label,
      value: a.average ?? 0,
      text: a.average == null ? '—' : a.average.toFixed(1),
    })),
    5,
  );

  heading('五、客户旅程（认识 → 成就）');
  line('各阶段住户数（累计：达到该阶段及以上）：');
  bars(
    d.funnel.map((f) => ({ label: f.label, value: f.reached, text: `${f.reached}（停留 ${f.atStage}）` })),
  );

  doc.end();
  return { bytes: await done, cjk };
}
