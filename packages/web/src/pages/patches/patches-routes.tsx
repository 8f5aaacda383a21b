import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { PatchImportPage } from './patch-import-page';
import { PatchPage } from './patch-page';
import { PatchesPage } from './patches-page';

/** The change-patch (图斑) pages under `/patches/*`, one lazily loaded chunk (the mini map loads apart). */
export function PatchesRoutes() {
  return (
    <Routes>
      <Route index element={<PatchesPage />} />
      <Route path="import" element={<PatchImportPage />} />
      <Route path=":id" element={<PatchPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
