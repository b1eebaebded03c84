import { CxkitError, type Paginated, paginateNextLink, unwrap } from "@cxkit/client-core";
import { type DixaClient, dixaBaseUrl } from "./client.js";
import type { paths } from "./generated/openapi.js";
import { DIXA_BASE_URL } from "./servers.js";
import type { ItemOf, PageOf, PaginatedPath } from "./types.js";

export interface DixaPaginateOptions {
  /**
   * Guard against runaway iteration. Default 1000. When this many pages were read and `meta.next` still
   * points further, the iterator throws a CxkitError of kind "pagination".
   */
  maxPages?: number;
  /** Cancels the request in flight; the iterator then throws an AbortError. */
  signal?: AbortSignal;
}

type Params<P extends PaginatedPath> = paths[P] extends { get: { parameters: infer X } } ? X : never;
type Rest<P extends PaginatedPath> =
  Record<never, never> extends Params<P>
    ? [params?: Params<P>, options?: DixaPaginateOptions]
    : [params: Params<P>, options?: DixaPaginateOptions];

/**
 * Iterates a Dixa list (`GET` with `{data, meta}`) across pages by following `meta.next`: items with
 * `for await (const agent of paginate(client, "/agents"))`, whole pages with `.pages()`. `meta.next` is a
 * relative URL that includes the version prefix (`/v1/agents?pageKey=…`); it is resolved against the base
 * URL's origin and only its query is used, so the request stays on the client's host, path and version.
 * A link to another host or path is refused (kind "pagination"). Non-2xx answers throw ApiError.
 */
export function paginate<P extends PaginatedPath>(
  client: DixaClient,
  path: P,
  ...[params, options = {}]: Rest<P>
): Paginated<PageOf<P>, ItemOf<P>> {
  const base = new URL(dixaBaseUrl(client) ?? DIXA_BASE_URL);
  const expected = `${base.pathname.replace(/\/$/, "")}${path}`;
  const concrete = expected.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(
      String((params as { path?: Record<string, unknown> } | undefined)?.path?.[name] ?? ""),
    ),
  );
  const get = client.GET as unknown as (path: string, init: object) => Promise<{ response: Response }>;
  return paginateNextLink<PageOf<P>, ItemOf<P>>(
    async (query) =>
      (await unwrap(
        get(path, {
          params: {
            ...(params as object | undefined),
            query: { ...(params as { query?: object } | undefined)?.query, ...query },
          },
          ...(options.signal ? { signal: options.signal } : {}),
        }) as never,
      )) as PageOf<P>,
    {
      items: (page) => (page as { data: ItemOf<P>[] }).data,
      next: (page) => {
        const next = (page as { meta?: { next?: string } }).meta?.next;
        if (!next) return undefined;
        const url = new URL(next, base.origin);
        if (
          url.origin !== base.origin ||
          decodeURIComponent(url.pathname).replace(/\/$/, "") !== decodeURIComponent(concrete)
        )
          throw new CxkitError(`pagination stopped: meta.next leaves ${path} (${url.pathname})`, {
            kind: "pagination",
            method: "GET",
            path,
          });
        return url.pathname + url.search;
      },
      ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
    },
  );
}
