import { type Paginated, paginate, paginateCursor, paginatePageNumber, unwrap } from "@cxkit/client-core";
import type { OpencxClient } from "./client.js";
import type {
  ChatHistoryItem,
  ChatSession,
  ChatSessionFilter,
  ChatSessionListQuery,
  ChatSessionPage,
  Contact,
  Insight,
  InsightFilters,
  InsightPage,
  PhoneAgentSummary,
} from "./types.js";

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

/** A page of one of Open.cx's cursor lists: pass `next` back as `cursor` until it is `null`. */
export interface CursorPage<T> {
  items: readonly T[];
  next?: string | null;
}

const signalOf = (o: PaginationOptions) => (o.signal ? { signal: o.signal } : {});
const guard = (o: PaginationOptions) => (o.maxPages === undefined ? {} : { maxPages: o.maxPages });

/**
 * Every insight matching `filters`, page after page of `POST /insights` (from page 1 up to the
 * response's `totalPages`). Items by default; `.pages()` yields whole pages with their totals.
 * Failed calls throw `ApiError`; filters the spec refuses throw `ValidationError` before the network.
 */
export function paginateInsights(
  client: OpencxClient,
  filters: InsightFilters = {},
  options: PaginationOptions = {},
): Paginated<InsightPage, Insight> {
  return paginatePageNumber<InsightPage, Insight>(
    (page) => unwrap(client.POST("/insights", { body: { ...filters, page }, ...signalOf(options) })),
    { items: (p) => p.data, totalPages: (p) => p.totalPages, ...guard(options) },
  );
}

/**
 * Every session matching `filter`, page after page of `POST /chat/sessions/filter` (from page 1 while
 * the response says `has_next`). `filter.limit` sets the page size (at most `FILTER_LIMIT_MAX`).
 */
export function paginateFilteredChatSessions(
  client: OpencxClient,
  filter: Omit<ChatSessionFilter, "page"> = {},
  options: PaginationOptions = {},
): Paginated<ChatSessionPage, ChatSession> {
  return paginate<ChatSessionPage, ChatSession, number>(
    (page = 1) =>
      unwrap(client.POST("/chat/sessions/filter", { body: { ...filter, page }, ...signalOf(options) })),
    { items: (p) => p.data, next: (p, page = 1) => (p.has_next ? page + 1 : undefined), ...guard(options) },
  );
}

/**
 * Any Open.cx cursor list: `fetchPage(undefined)` for the first page, then `fetchPage(next)` until
 * `next` is `null`. Throws kind "pagination" when a cursor repeats or `maxPages` is exceeded.
 */
export function paginateCursorList<T, P extends CursorPage<T> = CursorPage<T>>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  options: Pick<PaginationOptions, "maxPages"> = {},
): Paginated<P, T> {
  return paginateCursor<P, T>(fetchPage, { items: (p) => p.items, next: (p) => p.next, ...guard(options) });
}

const cursorQuery = (cursor: string | undefined) => (cursor ? { cursor } : {});

/** Every contact of the organisation (`GET /contacts`, cursor pages). */
export const paginateContacts = (client: OpencxClient, options: PaginationOptions = {}) =>
  paginateCursorList<Contact>(
    (cursor) =>
      unwrap(client.GET("/contacts", { params: { query: cursorQuery(cursor) }, ...signalOf(options) })),
    options,
  );

/** Every chat session matching `query` (`GET /chat/sessions`, cursor pages). */
export const paginateChatSessions = (
  client: OpencxClient,
  query: Omit<ChatSessionListQuery, "cursor"> = {},
  options: PaginationOptions = {},
) =>
  paginateCursorList<ChatSession>(
    (cursor) =>
      unwrap(
        client.GET("/chat/sessions", {
          params: { query: { ...query, ...cursorQuery(cursor) } },
          ...signalOf(options),
        }),
      ),
    options,
  );

/** Every event of a chat session, oldest first (`GET /chat/sessions/{session_id}/history`, cursor pages). */
export const paginateChatSessionHistory = (
  client: OpencxClient,
  sessionId: string,
  options: PaginationOptions = {},
) =>
  paginateCursorList<ChatHistoryItem>(
    (cursor) =>
      unwrap(
        client.GET("/chat/sessions/{session_id}/history", {
          params: { path: { session_id: sessionId }, query: cursorQuery(cursor) },
          ...signalOf(options),
        }),
      ),
    options,
  );

/** Every AI phone agent of the organisation (`GET /phone`, cursor pages). */
export const paginatePhoneAgents = (client: OpencxClient, options: PaginationOptions = {}) =>
  paginateCursorList<PhoneAgentSummary>(
    (cursor) =>
      unwrap(client.GET("/phone", { params: { query: cursorQuery(cursor) }, ...signalOf(options) })),
    options,
  );
