import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCOUNT_ROLES, type PermissionMatrixView, type PermissionRouteView } from '@mall/shared';
import type { Allowed } from '../common/auth/auth.decorators';
import { discoverRoutes } from '../common/auth/route-catalog';
import { isAllowed } from '../common/auth/auth.guard';

/**
 * Every admin route with the roles that may call it, read from the same metadata the AuthGuard
 * enforces (@Roles / @Public on the handler, else the controller) — so the matrix cannot drift from
 * what is enforced. Computed once per process: routes do not change at run time.
 */
@Injectable()
export class PermissionMatrixService {
  private cached: PermissionMatrixView | null = null;

  constructor(private readonly modules: ModulesContainer) {}

  matrix(): PermissionMatrixView {
    if (this.cached) return this.cached;
    const routes: PermissionRouteView[] = discoverRoutes(this.modules)
      .filter((r) => r.path.startsWith('/api/admin/'))
      .map((r) => ({
        method: r.method,
        path: r.path,
        roles:
          r.access === 'public'
            ? []
            : ACCOUNT_ROLES.filter((role) => isAllowed({ kind: 'account', id: 0, role, storeId: null } as never, r.access as Allowed[])),
        public: r.access === 'public',
      }));
    routes.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
    this.cached = { roles: [...ACCOUNT_ROLES], routes };
    return this.cached;
  }
}
