import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { ChecklistFormPage } from './checklist-form-page';
import { ChecklistsPage } from './checklists-page';
import { SubmissionPage } from './submission-page';

/** The 004 inspection checklists under `/checklists/*`, one lazily loaded chunk. */
export function ChecklistsRoutes() {
  return (
    <Routes>
      <Route index element={<ChecklistsPage />} />
      <Route path="new" element={<ChecklistFormPage />} />
      <Route path=":id" element={<SubmissionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
