import { Button } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useCurrentRegion } from '../../layout/region-context';
import { PageTitle } from '../../ui/page-title';
import { PenaltiesPanel } from './penalties-panel';
import { usePenaltiesText } from './penalties-text';

/** `/penalties/:problemId`: the penalty panel of one problem on a page of its own (linkable from the problem page). */
export function PenaltiesPage() {
  const { problemId } = useParams();
  const t = usePenaltiesText();
  const { withRegion } = useCurrentRegion();
  if (!problemId) return null;
  return (
    <div>
      <PageTitle
        extra={
          <Link to={withRegion(`/problems/${problemId}`)}>
            <Button>{t('back')}</Button>
          </Link>
        }
      >
        {t('title')}
      </PageTitle>
      <PenaltiesPanel problemId={problemId} />
    </div>
  );
}
