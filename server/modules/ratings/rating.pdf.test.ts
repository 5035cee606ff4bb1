import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { renderCardPdf } from './rating.pdf.js';

const input = {
  estateName: '绿苑小区',
  serviceName: '更换水龙头',
  serviceNameEn: 'Replace a faucet',
  serviceDate: '2026-11-27',
  technicianName: '张师傅',
  url: 'https://wuye.example.cn/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd',
  validUntil: '2026-12-11',
};

/** The page content streams of a PDF, inflated. */
function contents(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (fonts are, images might not be)
    }
  }
  return out.join('\n');
}

describe('the printable supervision card', () => {
  it('draws one square per dark module of the QR code of the link, on an A6 page, with the CJK font', async () => {
    const pdf = await renderCardPdf(input);
    expect(pdf.cjk).toBe(true);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toContain('/MediaBox [0 0 297.64 419.53]');
    expect(pdf.bytes.toString('latin1')).toContain('NotoSansCJKsc-Regular');
    const qr = QRCode.create(input.url, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let r = 0; r < qr.modules.size; r++)
      for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) dark++;
    const squares = contents(pdf.bytes).match(/ re\n/g)?.length ?? 0;
    // Dark modules + 5 criteria × 5 tick boxes.
    expect(squares).toBe(dark + 25);
    // Another link draws another code.
    const other = QRCode.create(`${input.url}x`, { errorCorrectionLevel: 'M' });
    expect(other.modules.data.join('')).not.toBe(qr.modules.data.join(''));
  });

  it('without the CJK font it still prints (English, built-in font) and says so', async () => {
    const pdf = await renderCardPdf(input, '/nonexistent/font.ttc');
    expect(pdf.cjk).toBe(false);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = contents(pdf.bytes);
    expect(pdf.bytes.toString('latin1')).toContain('Helvetica');
    expect(pdf.bytes.toString('latin1')).not.toContain('NotoSansCJK');
    expect(text.length).toBeGreaterThan(0);
  });
});
