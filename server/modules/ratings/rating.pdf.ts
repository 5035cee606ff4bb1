import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Debian `fonts-noto-cjk`: the Simplified Chinese face of the collection. */
export const CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_FACE = 'NotoSansCJKsc-Regular';

let fontCache: { path: string; data: Buffer | null } | undefined;

/** The CJK font file, read once per process (about 19 MB); null when it is not installed. */
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

export interface CardPdfInput {
  estateName: string;
  /** Printed instead of the Chinese name when the CJK font is missing. */
  estateNameEn?: string | null;
  serviceName: string;
  serviceNameEn: string | null;
  /** YYYY-MM-DD in the estate's time zone. */
  serviceDate: string;
  technicianName: string | null;
  /** The absolute link the QR code opens. */
  url: string;
  /** YYYY-MM-DD: the last day the link works. */
  validUntil: string;
}

export interface CardPdf {
  bytes: Buffer;
  /** False when the CJK font was missing: the card was printed in English only. */
  cjk: boolean;
}

const MM = 72 / 25.4;
const CRITERIA: [string, string][] = [
  ['准时', 'Punctuality'],
  ['态度', 'Attitude'],
  ['技能', 'Skill'],
  ['整洁', 'Tidiness'],
  ['总体满意度', 'Overall'],
];

/**
 * The printable supervision card (服务监督卡, T3): A6 portrait, the service, the date, the
 * technician, a vector QR code of the rating link and the five criteria the resident scores.
 * Without the CJK font it falls back to English in a built-in font and says so on the card.
 */
export async function renderCardPdf(input: CardPdfInput, fontPath = CJK_FONT_PATH): Promise<CardPdf> {
  const font = cjkFont(fontPath);
  const cjk = font !== null;
  const doc = new PDFDocument({
    size: 'A6',
    margins: { top: 8 * MM, bottom: 6 * MM, left: 8 * MM, right: 8 * MM },
    info: { Title: cjk ? '服务监督卡' : 'Service supervision card', Creator: 'Guanjia 管家' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (font) doc.registerFont('cjk', font, CJK_FONT_FACE);
  const body = cjk ? 'cjk' : 'Helvetica';
  const t = (zh: string, en: string) => (cjk ? zh : en);
  // Without the CJK font, characters outside Latin-1 would print as garbage: mark them instead.
  const safe = (s: string) => (cjk ? s : s.replace(/[^\u0020-\u00ff]/g, '?'));
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.font(body).fontSize(15).text(t('服务监督卡', 'Service supervision card'), { align: 'center' });
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(safe(cjk ? input.estateName : (input.estateNameEn ?? input.estateName)), { align: 'center' });
  doc.moveDown(0.6).fillColor('#000').fontSize(9);
  const line = (zh: string, en: string, value: string) =>
    doc.text(`${t(zh, en)}${t('：', ': ')}${safe(value)}`, { width });
  line('服务项目', 'Service', cjk ? input.serviceName : (input.serviceNameEn ?? input.serviceName));
  line('服务日期', 'Date', input.serviceDate);
  line('服务人员', 'Technician', input.technicianName ?? '—');

  // The QR code as vector squares: sharp at any print resolution, no image decoding.
  const qr = QRCode.create(input.url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = 34 * MM;
  const cell = side / (n + 2);
  const x0 = left + (width - side) / 2;
  const y0 = doc.y + 3 * MM;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x0 + (c + 1) * cell, y0 + (r + 1) * cell, cell + 0.05, cell + 0.05);
  doc.fill('#000');
  doc.y = y0 + side + 1.5 * MM;
  doc
    .fontSize(8)
    .text(
      t('请用手机扫码，为本次服务打分（无需登录）', 'Scan to rate this service (no login needed)'),
      left,
      doc.y,
      {
        width,
        align: 'center',
      },
    );
  doc
    .fontSize(7)
    .fillColor('#555')
    .text(`${t('有效期至', 'Valid until')} ${input.validUntil}`, { width, align: 'center' });

  doc.moveDown(0.5).fillColor('#000').fontSize(9);
  for (const [zh, en] of CRITERIA) {
    const y = doc.y;
    doc.text(t(zh, en), left, y, { width: width * 0.4 });
    // Five boxes the resident may also tick on paper.
    for (let i = 0; i < 5; i++) {
      const bx = left + width * 0.42 + i * 6.5 * MM;
      doc
        .rect(bx, y + 1, 3 * MM, 3 * MM)
        .lineWidth(0.5)
        .stroke();
      doc.fontSize(6).text(String(i + 1), bx + 3.4 * MM, y + 1.5, { lineBreak: false });
      doc.fontSize(9);
    }
    doc.y = y + 5.2 * MM;
    doc.x = left;
  }
  doc
    .moveDown(0.4)
    .fontSize(7)
    .fillColor('#555')
    .text(
      t('您的每一条留言，班组都会在 48 小时内回复。', 'The team replies to every comment within 48 hours.'),
      left,
      doc.y,
      {
        width,
        align: 'center',
      },
    );
  if (!cjk)
    doc.text('(Chinese font not installed on the server: card printed in English.)', {
      width,
      align: 'center',
    });
  doc.end();
  return { bytes: await done, cjk };
}
