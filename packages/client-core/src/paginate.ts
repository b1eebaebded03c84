import { CxkitError } from "./errors.js";

/** Items by default (`for await (const item of p)`), whole pages with `p.pages()`. */
export interface Paginated<P, T> extends AsyncIterable<T> {
  pages(): AsyncGenerator<P, void, undefined>;
}

/** The options a vendor's list helper takes on top of its query: shared so every vendor names them alike. */
export interface PaginationOptions {
  /**
   * Guard against runaway iteration. Default 1000. When this many pages were read and the API still
   * reports another, the iterator throws a `CxkitError` of kind "pagination" (break out of the loop
   * yourself to read only the first pages).
   */
  maxPages?: number;
  /** Cancels the request in flight and ends the iteration with an `AbortError`. */
  signal?: AbortSignal;
}

export interface PaginateOptions<P, T, C> {
  /** Items of one page. */
  items: (page: P) => readonly T[] | null | undefined;
  /** Cursor for the next page; `null`, `undefined` or `""` ends the iteration. */
  next: (page: P, cursor: C | undefined) => C | null | undefined;
  /**
   * Guard against runaway iteration. Default 1000. When `maxPages` pages have been read and the
   * API still reports a next page, the iterator throws a `CxkitError` of kind "pagination"
   * (break out of the loop yourself if you only want the first N pages).
   */
  maxPages?: number;
}

/**
 * Generic paginator: `fetchPage(undefined)` for the first page, then `fetchPage(next(page))`.
 * Throws kind "pagination" when the cursor does not advance (a server bug that would loop forever).
 */
export function paginate<P, T, C>(
  fetchPage: (cursor: C | undefined) => Promise<P>,
  { items, next, maxPages = 1000 }: PaginateOptions<P, T, C>,
): Paginated<P, T> {
  async function* pages() {
    let cursor: C | undefined;
    for (let n = 1; ; n++) {
      const page = await fetchPage(cursor);
      yield page;
      const c = next(page, cursor);
      if (c == null || c === "") return;
      if (c === cursor)
        throw new CxkitError(`pagination stopped: the next cursor repeats (${n} pages read)`, {
          kind: "pagination",
        });
      if (n >= maxPages)
        throw new CxkitError(`pagination stopped: maxPages (${maxPages}) reached, more pages remain`, {
          kind: "pagination",
        });
      cursor = c;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* items(page) ?? [];
    },
  };
}

type Common<P, T> = Pick<PaginateOptions<P, T, never>, "items" | "maxPages">;

/**
 * Page-number pagination: pages `firstPage` (default 1) up to `totalPages(page)`. When the total is
 * unknown (returns undefined), stops at the first empty page.
 */
export const paginatePageNumber = <P, T>(
  fetchPage: (page: number) => Promise<P>,
  o: Common<P, T> & { totalPages: (page: P) => number | null | undefined; firstPage?: number },
): Paginated<P, T> => {
  const first = o.firstPage ?? 1;
  return paginate<P, T, number>((n) => fetchPage(n ?? first), {
    ...o,
    next: (page, n = first) => {
      const total = o.totalPages(page);
      return (total == null ? o.items(page)?.length : n - first + 1 < total) ? n + 1 : undefined;
    },
  });
};

/** Cursor pagination: `fetchPage(undefined)` first, then the cursor `next(page)` returns (e.g. `p => p.next`). */
export const paginateCursor = <P, T>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  o: Common<P, T> & { next: (page: P) => string | null | undefined },
): Paginated<P, T> => paginate(fetchPage, o);

/** Query parameters of a (relative or absolute) link, e.g. `{ "page[number]": "2", "page[size]": "50" }`. */
export const linkQuery = (link: string): Record<string, string> =>
  Object.fromEntries(new URL(link, "http://x").searchParams);

/**
 * Next-link pagination (`meta.next`, `links.next`, relative or absolute). `fetchPage` receives the
 * next link's query parameters (undefined for the first page) and passes them as `params.query`:
 * the request stays on the client's base URL and path, so a link to another host is never followed.
 */
export const paginateNextLink = <P, T>(
  fetchPage: (query: Record<string, string> | undefined) => Promise<P>,
  o: Common<P, T> & { next: (page: P) => string | null | undefined },
): Paginated<P, T> => paginate<P, T, string>((link) => fetchPage(link ? linkQuery(link) : undefined), o);

interface JsonApiPage<T> {
  data?: readonly T[] | null;
  links?: { next?: string | null } | null;
}

/** JSON:API: items in `data`, next page from `links.next` (its `page[number]` / `page[cursor]` query). */
export const paginateJsonApi = <P extends JsonApiPage<unknown>, T = NonNullable<P["data"]>[number]>(
  fetchPage: (query: Record<string, string> | undefined) => Promise<P>,
  o: Partial<Common<P, T>> = {},
): Paginated<P, T> =>
  paginateNextLink<P, T>(fetchPage, {
    items: (p) => p.data as readonly T[] | undefined,
    next: (p) => p.links?.next,
    ...o,
  });
