import { useId, useRef, useState } from 'react';
import { Alert, Button, Progress, Typography } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { FILE_TYPES, fileTypeLabel, type FilePurpose, type FileUploadResult } from '@minewatch/core';
import { uploadFile } from '../../api/files';
import { useLabel } from '../../i18n';
import { formatBytes, L } from './site-records-labels';

type Pending = { key: string; name: string; percent: number; error: string | null };

/** `accept` for the file dialog, from the types the server allows (it checks the bytes anyway). */
const acceptOf = (p: FilePurpose) => FILE_TYPES[p].map((m) => `${m},.${fileTypeLabel[m].ext}`).join(',');

/**
 * A labelled native file input (so `getByLabel('照片')` finds it) that uploads each chosen file at
 * once to POST /api/files with a progress bar, and reports the uploaded files. Files are kept for
 * `regionCode` (the site's region, so everyone who sees the site can open them).
 */
export function FileUploadField({
  label,
  purpose,
  regionCode,
  multiple = false,
  value,
  onChange,
  onUploaded,
  disabled,
}: {
  label: string;
  purpose: FilePurpose;
  regionCode: string;
  multiple?: boolean;
  value?: FileUploadResult[];
  onChange?: (files: FileUploadResult[]) => void;
  /** Called once per file when its upload finished (for "upload then attach" flows). */
  onUploaded?: (file: FileUploadResult) => Promise<void> | void;
  disabled?: boolean;
}) {
  const id = useId();
  const label_ = useLabel();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const files = value ?? [];
  const latest = useRef(files);
  latest.current = files;

  const onPick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const picked = Array.from(multiple ? list : [list[0]!]);
    if (input.current) input.current.value = '';
    const items = picked.map((f, i) => ({ file: f, key: `${Date.now()}-${i}-${f.name}` }));
    setPending((p) => [...p, ...items.map(({ file, key }) => ({ key, name: file.name, percent: 0, error: null }))]);
    for (const { file, key } of items) {
      try {
        const done = await uploadFile(file, purpose, regionCode, (percent) => setPending((p) => p.map((x) => (x.key === key ? { ...x, percent } : x))));
        await onUploaded?.(done);
        const next = multiple ? [...latest.current.filter((f) => f.id !== done.id), done] : [done];
        latest.current = next;
        onChange?.(next);
        setPending((p) => p.filter((x) => x.key !== key));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        setPending((p) => p.map((x) => (x.key === key ? { ...x, error: message } : x)));
      }
    }
  };

  return (
    <div className="file-upload-field">
      <label htmlFor={id} className={`file-upload-button${disabled ? ' is-disabled' : ''}`}>
        <UploadOutlined aria-hidden /> {label}
      </label>
      <input
        id={id}
        ref={input}
        type="file"
        className="sr-only file-upload-input"
        accept={acceptOf(purpose)}
        multiple={multiple}
        disabled={disabled}
        onChange={(e) => void onPick(e.target.files)}
      />
      <Typography.Text type="secondary" className="file-upload-hint">
        {label_(purpose === 'photo' ? L.photoHint : L.documentHint)}
      </Typography.Text>
      {pending.map((p) =>
        p.error ? (
          <Alert key={p.key} type="error" showIcon title={`${p.name}：${p.error}`} closable onClose={() => setPending((x) => x.filter((y) => y.key !== p.key))} />
        ) : (
          <div key={p.key} className="file-upload-progress">
            <span>
              {label_(L.uploading)} {p.name}
            </span>
            <Progress percent={p.percent} size="small" aria-label={`${label_(L.uploading)} ${p.name}`} />
          </div>
        ),
      )}
      {onChange && files.length > 0 ? (
        <ul className="file-upload-list">
          {files.map((f) => (
            <li key={f.id}>
              <span>
                {f.name} · {formatBytes(f.size)}
                {f.exif?.lon != null && f.exif.lat != null ? ` · ${label_(L.location)} ${f.exif.lon.toFixed(5)}, ${f.exif.lat.toFixed(5)}` : ''}
              </span>
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={`${label_(L.remove)} ${f.name}`}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
