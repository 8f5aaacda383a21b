import { Button, Result } from 'antd';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { NoAccessResult } from './no-access-result';

/** Full-page rendering of a failed query: no-access for 403/404, otherwise the server's message. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isApiError(error) && error.isNoAccess) return <NoAccessResult />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('common.error')}
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
