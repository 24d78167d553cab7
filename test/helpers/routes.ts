import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { discoverRoutes as discoverIn, type DiscoveredRoute } from '@mall/server/common/auth/route-catalog';

export type { DiscoveredRoute, HttpMethod } from '@mall/server/common/auth/route-catalog';

/**
 * Every HTTP route of the booted Nest app, read by the server's route catalogue (the permission matrix
 * page uses the same one) from the metadata the router and the auth guard use.
 */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  return discoverIn(app.get(ModulesContainer));
}

/** Route paths (Express style) the HTTP server actually answers, read from the Express router stack. */
export function expressRouteKeys(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const keys: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) {
      if (method === '_all') continue;
      keys.push(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return keys;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** A concrete URL for a route: each :param replaced from `values` (throws when one is missing). */
export function urlOf(route: DiscoveredRoute, values: Record<string, string | number>): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (values[name] === undefined) throw new Error(`${route.key}: no value for :${name}`);
    return encodeURIComponent(String(values[name]));
  });
}
