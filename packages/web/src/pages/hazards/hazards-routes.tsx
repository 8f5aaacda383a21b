import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { HazardEntryPage } from './hazard-entry-form';
import { HazardsPage } from './hazards-page';

/** The 001 hazard ledgers under `/hazards/*`, one lazily loaded chunk. */
export function HazardsRoutes() {
  return (
    <Routes>
      <Route index element={<HazardsPage />} />
      <Route path="new/:type" element={<HazardEntryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
