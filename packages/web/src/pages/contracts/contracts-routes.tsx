import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { ContractPage } from './contract-page';
import { ContractsPage } from './contracts-page';
import { OverduePage } from './overdue-page';
import { VisitPage } from './visit-page';

/** The 包联 pages under `/contracts/*`, one lazily loaded chunk. */
export function ContractsRoutes() {
  return (
    <Routes>
      <Route index element={<ContractsPage />} />
      <Route path="overdue" element={<OverduePage />} />
      <Route path=":id" element={<ContractPage />} />
      <Route path=":id/visit" element={<VisitPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
