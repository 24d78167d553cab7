import { AuditLogTable } from '../components/AuditLogTable';

export default function AuditLogsPage() {
  return <AuditLogTable />;
}
