import { unzipSync } from 'fflate';
import { MIME_DOCX, MIME_OFD, MIME_XLSX, type FileMime } from '@minewatch/core';

/** What the bytes are: an accepted type, or a description of what was found instead (for the error). */
export type Detected = { mime: FileMime } | { mime: null; found: string };

/** Bytes needed by `detectType` before it may ask for the whole file (ZIP containers). */
export const HEAD_BYTES = 4096;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** ISO-BMFF `ftyp` brands: HEIC photos (iPhone and most Android phones) versus AVIF and video. */
function ftyp(head: Uint8Array): Detected | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0, head.length);
  const major = ascii(head, 8, 12);
  const compatible: string[] = [];
  for (let i = 16; i + 4 <= boxSize; i += 4) compatible.push(ascii(head, i, i + 4));
  if (HEIF_BRANDS.has(major)) return { mime: 'image/heic' };
  if ((major === 'mif1' || major === 'msf1') && compatible.some((b) => HEIF_BRANDS.has(b))) return { mime: 'image/heic' };
  if (major === 'avif' || compatible.includes('avif')) return { mime: null, found: 'an AVIF image' };
  return { mime: null, found: `an ISO media file (brand ${major.trim() || '?'})` };
}

/** Names the kind of an Office Open XML / OFD package from its entries. */
function zipKind(all: Uint8Array): Detected {
  const names: string[] = [];
  try {
    // list entries without inflating them
    unzipSync(all, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return { mime: null, found: 'a damaged or unreadable ZIP archive' };
  }
  const has = (n: string) => names.includes(n);
  if (has('[Content_Types].xml') && has('word/document.xml')) return { mime: MIME_DOCX };
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return { mime: MIME_XLSX };
  if (has('OFD.xml')) return { mime: MIME_OFD };
  if (has('[Content_Types].xml') && names.some((n) => n.startsWith('ppt/'))) return { mime: null, found: 'a PowerPoint presentation' };
  return { mime: null, found: 'a ZIP archive that is not a Word, Excel or OFD document' };
}

/**
 * Detects a file's type from its magic bytes; the name and the client's Content-Type are ignored.
 * `whole` is called only for ZIP containers, whose kind is told by the entries they list.
 */
export async function detectType(head: Uint8Array, whole: () => Promise<Uint8Array>): Promise<Detected> {
  if (head.length === 0) return { mime: null, found: 'an empty file' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png' };
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { mime: 'image/webp' };
  const box = ftyp(head);
  if (box) return box;
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (Buffer.from(head.subarray(0, 1024)).includes('%PDF-')) return { mime: 'application/pdf' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(await whole());
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { mime: null, found: 'a legacy Office file (.doc/.xls); save it as .docx/.xlsx or PDF' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { mime: null, found: 'a GIF image' };
  if (startsWith(head, [0x42, 0x4d])) return { mime: null, found: 'a BMP image' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { mime: null, found: 'a TIFF image' };
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) return { mime: null, found: 'a RAR/7z archive' };
  if (startsWith(head, [0x4d, 0x5a])) return { mime: null, found: 'a Windows program' };
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { mime: null, found: 'an ELF program' };
  const text = Buffer.from(head.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<svg') || text.startsWith('<?xml') || text.startsWith('<!doctype') || text.startsWith('<html')) return { mime: null, found: 'markup (HTML/SVG/XML)' };
  return { mime: null, found: 'an unrecognised type' };
}
