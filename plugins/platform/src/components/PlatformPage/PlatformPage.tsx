import { Route, Routes } from 'react-router-dom';
import { ApprovalsPage } from '../ApprovalsPage';
import { CreateResourcePage } from '../CreateResourcePage';
import { HealthPage } from '../HealthPage';
import { ResourcePage } from '../ResourcePage';
import { ResourcesPage } from '../ResourcesPage';
import { ServiceCatalogPage } from '../ServiceCatalogPage';
import { NotFoundPage } from './NotFoundPage';

/**
 * Every page of the platform under its root path; the paths match the
 * sub route refs in `routes.ts`.
 */
export function PlatformPage() {
  return (
    <Routes>
      <Route path="/" element={<ServiceCatalogPage />} />
      <Route path="/create/:offeringId" element={<CreateResourcePage />} />
      <Route path="/resources" element={<ResourcesPage />} />
      <Route path="/resources/:id" element={<ResourcePage />} />
      <Route path="/approvals" element={<ApprovalsPage />} />
      <Route path="/health" element={<HealthPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
