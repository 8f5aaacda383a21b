import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../not-found-page';
import { NotificationsPage } from './notifications-page';

/** The notification centre under `/notifications/*`, one lazily loaded chunk. */
export function NotificationsRoutes() {
  return (
    <Routes>
      <Route index element={<NotificationsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
