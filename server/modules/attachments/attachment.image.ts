import type { AttachmentContentType } from '../../../contract/attachments.js';

/**
 * Recognising images by their bytes and removing metadata before they are stored. Pure code, no
 * native dependency: phone photos carry the GPS position and the device in EXIF/XMP, which have no
 * place in a work-order record (GB/T 35273 data minimisation).
 */

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

/** The image type the bytes start with, or null when they are not a JPEG, PNG, WebP or HEIC image. */
export function sniffImage(b: Buffer): AttachmentContentType | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length >= 16 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (b.length >= 16 && b.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = b.readUInt32BE(0);
    if (boxSize < 16 || boxSize > b.length) return null;
    const major = b.toString('latin1', 8, 12);
    if (HEIF_BRANDS.has(major)) return 'image/heic';
    if (major === 'mif1' || major === 'msf1') {
      for (let i = 16; i + 4 <= boxSize; i += 4)
        if (HEIF_BRANDS.has(b.toString('latin1', i, i + 4))) return 'image/heic';
    }
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Thrown when the bytes start like an image but their structure is broken. */
export class MalformedImageError extends Error {}

/**
 * The image without location, camera and text metadata. JPEG: EXIF/XMP (APP1), IPTC (APP13),
 * comments and vendor segments go; the orientation survives in a minimal EXIF block so portrait
 * photos still display upright; JFIF, ICC colour profile and Adobe segments stay. PNG: text,
 * time and eXIf chunks go. WebP: EXIF and XMP chunks go. HEIC is stored as received (its
 * metadata lives in item boxes this code does not rewrite). Throws MalformedImageError.
 */
export function stripMetadata(b: Buffer, type: AttachmentContentType): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(b);
    case 'image/png':
      return stripPng(b);
    case 'image/webp':
      return stripWebp(b);
    default:
      return b;
  }
}

// JPEG markers kept before the image data: APP0 (JFIF), APP2 (ICC profile), APP14 (Adobe colour
// transform); every other APPn and COM is metadata.
const JPEG_KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 2)];
  let p = 2;
  for (;;) {
    if (p + 4 > b.length || b[p] !== 0xff) throw new MalformedImageError('JPEG segment');
    let m = b[p + 1]!;
    while (m === 0xff && p + 2 < b.length) m = b[++p + 1]!; // fill bytes
    if (m === 0xd9) {
      out.push(b.subarray(p));
      break;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      out.push(b.subarray(p, p + 2));
      p += 2;
      continue;
    }
    const len = b.readUInt16BE(p + 2);
    const end = p + 2 + len;
    if (len < 2 || end > b.length) throw new MalformedImageError('JPEG segment length');
    if (m === 0xda) {
      // Start of scan: the entropy-coded data and everything after it is copied as is.
      out.push(b.subarray(p));
      break;
    }
    const isApp = m >= 0xe0 && m <= 0xef;
    if (m === 0xe1) {
      const orientation = exifOrientation(b.subarray(p + 4, end));
      if (orientation && orientation !== 1) out.push(orientationSegment(orientation));
    } else if (!(isApp && !JPEG_KEEP_APP.has(m)) && m !== 0xfe) {
      out.push(b.subarray(p, end));
    }
    p = end;
  }
  return Buffer.concat(out);
}

/** The EXIF orientation (1–8) in an APP1 payload, or null. */
function exifOrientation(app1: Buffer): number | null {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const t = app1.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  if (!le && t.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return null;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** An APP1 segment whose EXIF holds nothing but the orientation tag (big-endian TIFF). */
function orientationSegment(orientation: number): Buffer {
  const s = Buffer.alloc(36);
  s.writeUInt16BE(0xffe1, 0);
  s.writeUInt16BE(34, 2); // length, itself included
  s.write('Exif\0\0', 4, 'latin1');
  s.write('MM', 10, 'latin1');
  s.writeUInt16BE(42, 12);
  s.writeUInt32BE(8, 14); // IFD0 right after the header
  s.writeUInt16BE(1, 18); // one entry
  s.writeUInt16BE(0x0112, 20); // Orientation
  s.writeUInt16BE(3, 22); // SHORT
  s.writeUInt32BE(1, 24); // count
  s.writeUInt16BE(orientation, 28);
  s.writeUInt32BE(0, 32); // no next IFD
  return s;
}

const PNG_DROP = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 8)];
  let p = 8;
  for (;;) {
    if (p + 12 > b.length) throw new MalformedImageError('PNG chunk');
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const end = p + 12 + len;
    if (end > b.length) throw new MalformedImageError('PNG chunk length');
    if (p === 8 && type !== 'IHDR') throw new MalformedImageError('PNG header');
    if (!PNG_DROP.has(type)) out.push(b.subarray(p, end));
    p = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(out);
}

function stripWebp(b: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let vp8x: Buffer | null = null;
  let p = 12;
  while (p + 8 <= b.length) {
    const fourcc = b.toString('latin1', p, p + 4);
    const size = b.readUInt32LE(p + 4);
    const end = p + 8 + size + (size & 1);
    if (p + 8 + size > b.length) throw new MalformedImageError('WebP chunk length');
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(p, Math.min(end, b.length)));
      if (fourcc === 'VP8X') vp8x = chunk;
      chunks.push(chunk);
    }
    p = end;
  }
  if (!chunks.length) throw new MalformedImageError('WebP without chunks');
  if (vp8x && vp8x.length > 8) vp8x[8] = vp8x[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags off
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
