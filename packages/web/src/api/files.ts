import type { FilePurpose, FileUploadResult } from '@minewatch/core';
import { ApiError } from './client';

/** URL of a file's bytes (scoped on the server; the browser sends the session cookie). */
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;

/**
 * POST /api/files as multipart with upload progress (fetch cannot report it, XHR can). `onProgress`
 * gets 0–100. Rejects with ApiError carrying the server's field messages.
 */
export function uploadFile(file: File, purpose: FilePurpose, regionCode: string, onProgress?: (percent: number) => void): Promise<FileUploadResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // fields before the file, as the server reads them in order
    form.append('purpose', purpose);
    form.append('regionCode', regionCode);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as FileUploadResult);
      const err = (body as { error?: { code: string; message: string; details?: { path: string; message: string }[] } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? `HTTP ${xhr.status}`, err?.details ?? []));
    };
    xhr.send(form);
  });
}
