import type { CachedObject, ObjectCache } from './remote-provider.ts';

/** A cache that lives as long as one connection: for a connection test that must leave the room's own cache as it is. */
export function memoryObjectCache(): ObjectCache {
  const objects = new Map<string, CachedObject>();
  return {
    list: () => [...objects.values()],
    get: (href) => objects.get(href),
    put: (object) => void objects.set(object.href, object),
    delete: (href) => void objects.delete(href),
    clear: () => objects.clear(),
  };
}
