import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { LedgerPage } from '../ledger/ledger-page';
import { ProblemCreatePage, ProblemEditPage } from './problem-form-page';
import { ProblemPage } from './problem-page';
import { SignOffPage } from './sign-off-page';
import '../ledger/ledger.css';

/** The ledger (台账) and problem pages under `/problems/*`, one lazily loaded chunk. */
export function ProblemsRoutes() {
  return (
    <Routes>
      <Route index element={<LedgerPage />} />
      <Route path="new" element={<ProblemCreatePage />} />
      <Route path="sign-off" element={<SignOffPage />} />
      <Route path=":id" element={<ProblemPage />} />
      <Route path=":id/edit" element={<ProblemEditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
