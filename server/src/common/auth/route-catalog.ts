import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { ModulesContainer } from '@nestjs/core';
import { ALLOWED, IS_PUBLIC, type Allowed } from './auth.decorators';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ALL';

/** One route of the booted app, read from the same metadata the router and the auth guard use. */
export interface DiscoveredRoute {
  method: HttpMethod;
  /** Express-style path, e.g. /api/orders/:id/cancel */
  path: string;
  /** `${method} ${path}`: the key of every fixture map. */
  key: string;
  /** Path parameter names in order of appearance. */
  params: string[];
  /** The class of the @Body() parameter, when the handler takes one. */
  bodyDto: (new () => object) | null;
  /** 'public', or who the guard lets in (@MemberOnly → ['member'], @Roles(...) → roles). */
  access: 'public' | Allowed[];
  handler: string;
}

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.ALL]: 'ALL',
};

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .map((p) => (p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

function firstPath(value: unknown): string | undefined {
  return Array.isArray(value) ? (value[0] as string) : (value as string | undefined);
}

/**
 * Every HTTP route of the booted Nest app: each controller of each module, each handler with a
 * route method, with its guard metadata (method overrides class, like Reflector.getAllAndOverride
 * in the AuthGuard) and its @Body() DTO class. A new controller or handler shows up here by itself.
 */
export function discoverRoutes(modules: ModulesContainer): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  const seen = new Set<unknown>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!type || seen.has(type)) continue;
      seen.add(type);
      const base = firstPath(Reflect.getMetadata(PATH_METADATA, type));
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        const handler = proto[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || requestMethod === undefined) continue;
        const method = METHODS[requestMethod];
        if (!method) throw new Error(`${type.name}.${name}: unsupported request method ${requestMethod}`);
        const path = joinPath(base, firstPath(sub));
        const isPublic = (Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)) as boolean | undefined;
        const allowed = (Reflect.getMetadata(ALLOWED, handler) ?? Reflect.getMetadata(ALLOWED, type)) as Allowed[] | undefined;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { index: number }>;
        const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as (new () => object)[];
        const bodyArg = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
        routes.push({
          method,
          path,
          key: `${method} ${path}`,
          params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
          bodyDto: bodyArg ? (types[bodyArg[1].index] ?? null) : null,
          access: isPublic ? 'public' : (allowed ?? []),
          handler: `${type.name}.${name}`,
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
