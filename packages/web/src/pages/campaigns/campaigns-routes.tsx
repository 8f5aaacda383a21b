import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { LedgerImportPage } from '../ledger/ledger-import-page';
import { CampaignCreatePage, CampaignEditPage } from './campaign-edit-page';
import { CampaignPage } from './campaign-page';
import { CampaignsPage } from './campaigns-page';
import { MinePage } from './mine-page';
import { MinesPage } from './mines-page';
import '../ledger/ledger.css';

/** The campaign pages under `/campaigns/*`, one lazily loaded chunk. */
export function CampaignsRoutes() {
  return (
    <Routes>
      <Route index element={<CampaignsPage />} />
      <Route path="new" element={<CampaignCreatePage />} />
      <Route path=":id" element={<CampaignPage />} />
      <Route path=":id/edit" element={<CampaignEditPage />} />
      <Route path=":id/import" element={<LedgerImportPage />} />
      <Route path=":id/mines" element={<MinesPage />} />
      <Route path=":id/mines/:siteId" element={<MinePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
