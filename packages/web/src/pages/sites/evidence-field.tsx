import { useState } from 'react';
import { Alert } from 'antd';
import type { FilePurpose, FileUploadResult } from '@minewatch/core';
import { FileUploadField } from './file-upload-field';

/** The files of an evidence field and the reason the form refused without them (cleared by the next change). */
export function useEvidence() {
  const [files, setFiles] = useState<FileUploadResult[]>([]);
  const [error, setError] = useState<string | null>(null);
  const onChange = (next: FileUploadResult[]) => {
    setFiles(next);
    setError(null);
  };
  return { files, error, setError, onChange };
}

/**
 * Photos or documents a record needs as evidence (封堵照片, 三不留佐证): several files uploaded at
 * once for the site's region, and below them why the form was refused without them.
 */
export function EvidenceField({ label, purpose, regionCode, evidence }: { label: string; purpose: FilePurpose; regionCode: string; evidence: ReturnType<typeof useEvidence> }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <FileUploadField label={label} purpose={purpose} regionCode={regionCode} multiple value={evidence.files} onChange={evidence.onChange} />
      {evidence.error ? <Alert type="error" showIcon title={evidence.error} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}
