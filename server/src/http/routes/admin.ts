// The admin API: the organisation tree, branches (whole and part by part), users, devices and the
// audit log. Every change goes through src/http/admin/audited.ts: versioned, checked, audited.
import { auditRoutes } from '../admin/audit-log.ts';
import { branchRoutes } from '../admin/branches.ts';
import { deviceRoutes } from '../admin/devices.ts';
import { treeRoutes } from '../admin/tree.ts';
import { userRoutes } from '../admin/users.ts';
import type { App, Deps } from '../context.ts';

export function adminRoutes(app: App, deps: Deps): void {
  treeRoutes(app, deps);
  branchRoutes(app, deps);
  userRoutes(app, deps);
  deviceRoutes(app, deps);
  auditRoutes(app, deps);
}
