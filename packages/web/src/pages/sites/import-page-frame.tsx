import type { ComponentType } from 'react';
import { can, type Region } from '@minewatch/core';
import { useMe } from '../../api/auth';
import { useRegion } from '../../api/regions';
import { useCurrentRegion } from '../../layout/region-context';
import { LoadingBlock } from '../../ui/loading-block';
import { NoAccessResult } from '../../ui/no-access-result';
import { PageTitle } from '../../ui/page-title';

/**
 * The frame of an import page (sites, 图斑): for writers only, the title with the current region,
 * and the import steps for that region, started afresh when the region changes.
 */
export function ImportPageFrame({ title, flow: Flow }: { title: string; flow: ComponentType<{ rootCode: string; rootRegion: Region }> }) {
  const me = useMe();
  const { code } = useCurrentRegion();
  const region = useRegion(code);
  if (!me.data || !region.data) return <LoadingBlock />;
  if (!can(me.data.role, 'site.write')) return <NoAccessResult />;
  return (
    <>
      <PageTitle>
        {title}
        <span className="page-title-sub"> · {region.data.name}</span>
      </PageTitle>
      <Flow key={code} rootCode={code} rootRegion={region.data} />
    </>
  );
}
