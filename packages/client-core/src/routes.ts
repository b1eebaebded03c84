// Tables keyed `"METHOD /path"` (as codegen writes them), read per call by method and path template.

/**
 * A lookup by method and path that builds no `"METHOD /path"` string per call: a call's path is a string
 * literal whose hash V8 keeps, while a key built per call is a new string hashed every time.
 */
export type RouteLookup<T> = (method: string, path: string) => T | undefined;

export function byRoute<T>(table: Record<string, T> | undefined): RouteLookup<T> {
  const paths = new Map<string, Map<string, T>>();
  for (const [key, value] of Object.entries(table ?? {})) {
    const space = key.indexOf(" ");
    const path = key.slice(space + 1);
    const methods = paths.get(path) ?? new Map<string, T>();
    methods.set(key.slice(0, space), value);
    paths.set(path, methods);
  }
  if (paths.size === 0) return () => undefined;
  return (method, path) => paths.get(path)?.get(method);
}
