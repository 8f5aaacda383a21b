import { Alert } from 'antd';
import { isApiError } from '../api/client';
import { useT } from '../i18n';

/** Inline alert with the server's message and, for validation errors, the fields it named. */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = isApiError(error) ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      description={
        details.length > 0 ? (
          <div>
            <div>{t('common.fieldErrors')}</div>
            <ul className="field-error-list">
              {details.map((d, i) => (
                <li key={`${d.path}-${i}`}>
                  {d.path ? <code>{d.path}</code> : null} {d.message}
                </li>
              ))}
            </ul>
          </div>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
