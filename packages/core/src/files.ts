import { z } from 'zod';

type Label = { zh: string; en: string };

/**
 * What an upload is for. The purpose picks the size limit and the allowed types: a photo must be an
 * image a phone or camera makes; a document may also be a scan saved as an image.
 */
export const FILE_PURPOSES = ['photo', 'document'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const filePurposeLabel: Record<FilePurpose, Label> = {
  photo: { zh: '照片', en: 'Photo' },
  document: { zh: '文件', en: 'Document' },
};

export const MIME_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** OFD (GB/T 33190), the format of many Chinese e-government documents. */
export const MIME_OFD = 'application/ofd';

/** Types detected from a file's first bytes (the client's claim is ignored). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const DOCUMENT_TYPES = ['application/pdf', MIME_DOCX, MIME_XLSX, MIME_OFD, ...PHOTO_TYPES] as const;
export type FileMime = (typeof DOCUMENT_TYPES)[number];
export const FILE_TYPES: Record<FilePurpose, readonly FileMime[]> = { photo: PHOTO_TYPES, document: DOCUMENT_TYPES };

export const fileTypeLabel: Record<FileMime, Label & { ext: string }> = {
  'image/jpeg': { zh: 'JPEG 图片', en: 'JPEG image', ext: 'jpg' },
  'image/png': { zh: 'PNG 图片', en: 'PNG image', ext: 'png' },
  'image/webp': { zh: 'WebP 图片', en: 'WebP image', ext: 'webp' },
  'image/heic': { zh: 'HEIC 图片', en: 'HEIC image', ext: 'heic' },
  'application/pdf': { zh: 'PDF 文档', en: 'PDF document', ext: 'pdf' },
  [MIME_DOCX]: { zh: 'Word 文档', en: 'Word document', ext: 'docx' },
  [MIME_XLSX]: { zh: 'Excel 表格', en: 'Excel workbook', ext: 'xlsx' },
  [MIME_OFD]: { zh: 'OFD 版式文件', en: 'OFD document', ext: 'ofd' },
};

const MiB = 1024 * 1024;
/** Largest accepted upload per purpose, bytes: a phone photo is a few MiB; scanned PDFs run larger. */
export const FILE_SIZE_LIMIT: Record<FilePurpose, number> = { photo: 20 * MiB, document: 50 * MiB };

/** Browsers can show these inline (HEIC they cannot). */
export const isBrowserImage = (mime: string) => mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp';
export const isPhotoMime = (mime: string): boolean => (PHOTO_TYPES as readonly string[]).includes(mime);

/** An uploaded file's record; the bytes are at GET /api/files/{id}. */
export const fileInfoSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  /** Bytes. */
  size: z.number(),
  mime: z.string(),
  name: z.string(),
  regionCode: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
  /** From the photo's EXIF: position in degrees (WGS 84, as GPS records it) and when it was taken. */
  exif: z.object({ lon: z.number().nullable(), lat: z.number().nullable(), takenAt: z.string().nullable() }).nullable(),
});
export type FileInfo = z.infer<typeof fileInfoSchema>;

/** The answer of an upload: `deduplicated` when the same bytes were already stored for that region. */
export const fileUploadResultSchema = fileInfoSchema.extend({ deduplicated: z.boolean() });
export type FileUploadResult = z.infer<typeof fileUploadResultSchema>;
