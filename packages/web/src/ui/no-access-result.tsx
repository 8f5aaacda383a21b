import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

/** Shown for API 403/404: the user must not learn whether the item exists outside their scope. */
export function NoAccessResult() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('result.noAccess')}</h1>}
      subTitle={t('result.noAccessSub')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
