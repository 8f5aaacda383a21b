import { App, Button, Upload, type UploadFile } from 'antd';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { FileUploadResult } from '@minewatch/core';
import { uploadEvidence } from '../../api/problems';
import { useMediaQuery } from '../../ui/use-media-query';
import { useLedgerText } from '../ledger/ledger-text';

export type EvidenceFile = UploadFile<FileUploadResult>;

/** SHA-256 ids of the uploads that finished (what problems and mine plans store). */
export const evidenceIds = (files: EvidenceFile[]) => files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.sha256);
export const evidenceUploading = (files: EvidenceFile[]) => files.some((f) => f.status === 'uploading');

/**
 * Evidence picker: photos straight from the phone's camera or gallery, or documents (PDF, Word,
 * Excel, OFD). Each file is uploaded at once (POST /api/files) into `regionCode`; the caller keeps
 * the finished uploads' SHA-256.
 */
export function EvidenceUpload({
  regionCode,
  value,
  onChange,
  id,
  max = 20,
}: {
  regionCode: string;
  value: EvidenceFile[];
  onChange: (files: EvidenceFile[]) => void;
  id?: string;
  max?: number;
}) {
  const t = useLedgerText();
  const { message } = App.useApp();
  const isPhone = useMediaQuery('(max-width: 767.98px)');
  return (
    <Upload<FileUploadResult>
      id={id}
      accept="image/*,.pdf,.docx,.xlsx,.ofd"
      multiple
      listType="picture"
      fileList={value}
      maxCount={max}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        const f = file as File;
        uploadEvidence(f, regionCode)
          .then((res) => onSuccess?.(res))
          .catch((err: Error) => {
            void message.error(t('evidence.failed', { name: f.name, message: err.message }));
            onError?.(err);
          });
      }}
    >
      {value.length < max ? (
        <Button icon={isPhone ? <CameraOutlined /> : <PaperClipOutlined />} size={isPhone ? 'large' : 'middle'}>
          {t('evidence.add')}
        </Button>
      ) : null}
    </Upload>
  );
}
