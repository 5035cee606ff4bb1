import { describe, expect, it } from 'vitest';
import { heicHeader, JPEG_24x16, jpegWithExif, png, WEBP_24x16 } from './attachment.fixtures.js';
import { MalformedImageError, sniffImage, stripMetadata } from './attachment.image.js';

/** A WebP with an EXIF chunk (and the VP8X EXIF flag) added, as a phone camera app writes it. */
function webpWithExif(): Buffer {
  const exif = Buffer.concat([
    Buffer.from('EXIF', 'latin1'),
    Buffer.alloc(4),
    Buffer.from('GPS-secret-location!'),
  ]);
  exif.writeUInt32LE(20, 4);
  const body = Buffer.concat([WEBP_24x16.subarray(12), exif]);
  const head = Buffer.from(WEBP_24x16.subarray(0, 12));
  head.writeUInt32LE(body.length + 4, 4);
  const out = Buffer.concat([head, body]);
  out[20] = out[20]! | 0x08; // VP8X flags: EXIF present
  return out;
}

describe('image recognition by bytes', () => {
  it('knows JPEG, PNG, WebP and HEIC, whatever the file is called', () => {
    expect(sniffImage(JPEG_24x16)).toBe('image/jpeg');
    expect(sniffImage(png())).toBe('image/png');
    expect(sniffImage(WEBP_24x16)).toBe('image/webp');
    expect(sniffImage(heicHeader())).toBe('image/heic');
  });

  it('refuses text, PDF, GIF, SVG and AVIF', () => {
    expect(sniffImage(Buffer.from('hello, this is a .jpg in name only'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBeNull();
    const avif = heicHeader();
    avif.write('avif', 8, 'latin1');
    avif.write('mif1avif', 16, 'latin1');
    expect(sniffImage(avif)).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('metadata removal', () => {
  it('JPEG: EXIF text goes, the orientation stays, the image data is untouched', () => {
    const src = jpegWithExif(8, 'Model XYZ GPS');
    const out = stripMetadata(src, 'image/jpeg');
    expect(out.includes(Buffer.from('Model XYZ GPS'))).toBe(false);
    expect(out.includes(Buffer.from('ICC_PROFILE'))).toBe(true);
    const at = out.indexOf(Buffer.from('Exif\0\0MM'));
    expect(out.readUInt16BE(at + 6 + 8 + 2 + 8)).toBe(8);
    const sos = JPEG_24x16.indexOf(Buffer.from([0xff, 0xda]));
    expect(out.subarray(out.length - (JPEG_24x16.length - sos)).equals(JPEG_24x16.subarray(sos))).toBe(true);
    // Orientation 1 (upright) needs no EXIF at all.
    expect(stripMetadata(jpegWithExif(1), 'image/jpeg').includes(Buffer.from('Exif'))).toBe(false);
  });

  it('WebP: the EXIF chunk and its flag go, the RIFF size is right', () => {
    const out = stripMetadata(webpWithExif(), 'image/webp');
    expect(out.includes(Buffer.from('GPS-secret'))).toBe(false);
    expect(out[20]! & 0x08).toBe(0);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out.equals(WEBP_24x16)).toBe(true);
  });

  it('a truncated or broken file is reported, not stored', () => {
    expect(() => stripMetadata(JPEG_24x16.subarray(0, 30), 'image/jpeg')).toThrow(MalformedImageError);
    expect(() => stripMetadata(png().subarray(0, 30), 'image/png')).toThrow(MalformedImageError);
    expect(() => stripMetadata(WEBP_24x16.subarray(0, 40), 'image/webp')).toThrow(MalformedImageError);
  });
});
