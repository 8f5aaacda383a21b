import { useState } from 'react';
import { App, Card, Empty, Input, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, FileOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { attachmentPurposeLabel, fileTypeLabel, isBrowserImage, type Attachment, type AttachmentRole, type FileMime, type SiteDetail } from '@minewatch/core';
import { fileUrl } from '../../api/files';
import { useAttach, useAttachments } from '../../api/site-records';
import { useI18n, useLabel } from '../../i18n';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { QueryBoundary } from '../../ui/query-boundary';
import { FileUploadField } from './file-upload-field';
import { formatBytes, formatDistance, L } from './site-records-labels';
import './site-records.css';

/** Where and when a photo was taken, and how far from the site (a far one is flagged). */
export function PhotoPlace({ a }: { a: Pick<Attachment, 'lon' | 'lat' | 'locationSource' | 'distanceM' | 'far' | 'takenAt'> }) {
  const label = useLabel();
  const { lang } = useI18n();
  return (
    <div className="photo-place">
      {a.takenAt ? (
        <div>
          {label(L.takenAt)} {dayjs(a.takenAt).format('YYYY-MM-DD HH:mm')}
        </div>
      ) : null}
      {a.lon !== null && a.lat !== null ? (
        <div>
          <EnvironmentOutlined aria-hidden /> {label(L.location)} {a.lon.toFixed(5)}, {a.lat.toFixed(5)}（{label(a.locationSource === 'exif' ? L.fromExif : L.given)}）
        </div>
      ) : (
        <div className="muted">{label(L.noLocation)}</div>
      )}
      {a.distanceM !== null ? (
        <div>
          {label(L.distance)} {formatDistance(a.distanceM, lang)}{' '}
          {a.far ? (
            <Tooltip title={label(L.farHint)}>
              <Tag color="red" icon={<WarningOutlined />}>
                {label(L.far)}
              </Tag>
            </Tooltip>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A photo thumbnail linking to the full file; HEIC cannot be shown by browsers, so it is a link. */
export function PhotoThumb({ fileId, mime, alt }: { fileId: string; mime: string; alt: string }) {
  const label = useLabel();
  return (
    <a href={fileUrl(fileId)} target="_blank" rel="noreferrer" className="photo-thumb">
      {isBrowserImage(mime) ? <img src={fileUrl(fileId)} alt={alt} loading="lazy" /> : <span className="photo-thumb-none">{label(L.heicNoPreview)}</span>}
    </a>
  );
}

/** 文件与照片 of a site: upload (with progress) and attach, photo thumbnails with their EXIF position, documents. */
export function SiteAttachments({ site, canWrite }: { site: SiteDetail; canWrite: boolean }) {
  const label = useLabel();
  const attachments = useAttachments(site.id);
  return (
    <div className="site-cards">
      {canWrite ? <AttachForm site={site} /> : null}
      <QueryBoundary query={attachments}>
        {(list) => (
          <>
            <Card title={<h2 className="card-heading">{label(L.photos)}</h2>}>
              {list.some((a) => a.role === 'photo') ? (
                <ul className="photo-grid" aria-label={label(L.photos)}>
                  {list
                    .filter((a) => a.role === 'photo')
                    .map((a) => (
                      <li key={a.id} className={a.far ? 'photo-card is-far' : 'photo-card'}>
                        <PhotoThumb fileId={a.fileId} mime={a.mime} alt={a.caption || a.name} />
                        <div className="photo-meta">
                          <strong>{a.caption || a.name}</strong>
                          {a.purpose !== 'general' ? <Tag>{label(attachmentPurposeLabel[a.purpose])}</Tag> : null}
                          <PhotoPlace a={a} />
                          <div className="muted">
                            {label(L.uploadedBy)} {a.createdBy ?? '—'} · {dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')}
                          </div>
                        </div>
                      </li>
                    ))}
                </ul>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label(L.noPhotos)} />
              )}
            </Card>
            <Card title={<h2 className="card-heading">{label(L.documents)}</h2>}>
              {list.some((a) => a.role === 'document') ? (
                <ul className="document-list" aria-label={label(L.documents)}>
                  {list
                    .filter((a) => a.role === 'document')
                    .map((a) => (
                      <li key={a.id}>
                        <FileOutlined aria-hidden />{' '}
                        <a href={fileUrl(a.fileId)} target="_blank" rel="noreferrer">
                          {a.name}
                        </a>
                        {a.caption ? <span> — {a.caption}</span> : null}
                        <span className="muted">
                          {' '}
                          · {fileTypeLabel[a.mime as FileMime] ? label(fileTypeLabel[a.mime as FileMime]) : a.mime} · {formatBytes(a.size)} · {a.createdBy ?? '—'} · {dayjs(a.createdAt).format('YYYY-MM-DD')}
                        </span>
                        {a.purpose !== 'general' ? <Tag style={{ marginLeft: 8 }}>{label(attachmentPurposeLabel[a.purpose])}</Tag> : null}
                      </li>
                    ))}
                </ul>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={label(L.noDocuments)} />
              )}
            </Card>
          </>
        )}
      </QueryBoundary>
    </div>
  );
}

function AttachForm({ site }: { site: SiteDetail }) {
  const label = useLabel();
  const { message } = App.useApp();
  const [role, setRole] = useState<AttachmentRole>('photo');
  const [caption, setCaption] = useState('');
  const attach = useAttach(site.id);
  return (
    <Card title={<h2 className="card-heading">{label(L.files)}</h2>}>
      <ApiErrorAlert error={attach.error} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          aria-label={label(L.addKind)}
          value={role}
          onChange={(e) => setRole(e.target.value as AttachmentRole)}
          options={[
            { value: 'photo', label: label(L.photo) },
            { value: 'document', label: label(L.document) },
          ]}
          optionType="button"
        />
        <Input aria-label={label(L.caption)} placeholder={label(L.caption)} value={caption} maxLength={200} onChange={(e) => setCaption(e.target.value)} />
        <FileUploadField
          key={role}
          label={label(role === 'photo' ? L.photo : L.document)}
          purpose={role}
          regionCode={site.regionCode}
          multiple
          onUploaded={async (f) => {
            const a = await attach.mutateAsync({ fileId: f.id, role, caption: caption.trim() });
            void message.success(`${label(L.attached)}：${a.name}`);
            if (a.far) void message.warning(label(L.farHint));
          }}
        />
      </Space>
    </Card>
  );
}
