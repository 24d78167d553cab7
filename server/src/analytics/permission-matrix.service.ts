import { Injectable } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCOUNT_ROLES, type PermissionMatrixView, type PermissionRouteView } from '@mall/shared';
import { ALLOWED, IS_PUBLIC, type Allowed } from '../common/auth/auth.decorators';
import { isAllowed } from '../common/auth/auth.guard';

const METHOD_NAMES: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.ALL]: 'ALL',
};

const first = (v: unknown) => (Array.isArray(v) ? (v[0] as string) : (v as string | undefined));
const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .map((p) => (p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

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
    const routes: PermissionRouteView[] = [];
    const seen = new Set<unknown>();
    for (const module of this.modules.values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
        if (!type || seen.has(type)) continue;
        seen.add(type);
        const base = first(Reflect.getMetadata(PATH_METADATA, type));
        const proto = type.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (name === 'constructor' || typeof proto[name] !== 'function') continue;
          const handler = proto[name] as object;
          const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
          const method = METHOD_NAMES[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          if (sub === undefined || !method) continue;
          const path = join(base, first(sub));
          if (!path.startsWith('/api/admin/')) continue;
          const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type));
          const allowed = (Reflect.getMetadata(ALLOWED, handler) ?? Reflect.getMetadata(ALLOWED, type) ?? []) as Allowed[];
          const roles = isPublic ? [] : ACCOUNT_ROLES.filter((role) => isAllowed({ kind: 'account', id: 0, role, storeId: null } as never, allowed));
          routes.push({ method, path, roles, public: isPublic });
        }
      }
    }
    routes.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
    this.cached = { roles: [...ACCOUNT_ROLES], routes };
    return this.cached;
  }
}
