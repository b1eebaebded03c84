import { CxkitError, type Paginated, paginateJsonApi, unwrap } from "@cxkit/client-core";
import type { EvaluagentClient } from "./client.js";
import type { paths } from "./generated/openapi.js";

/** The collections EvaluAgent pages with `page[number]` and `links.next`. */
export type PagedPath = "/quality/evaluations" | "/analytics/conversations" | "/performance/121s";
type Get<P extends PagedPath> = paths[P]["get"];
/** The query of a paged list, without `page[number]` (the paginator sets it). */
export type PagedQuery<P extends PagedPath> = Omit<
  NonNullable<Get<P>["parameters"]["query"]>,
  "page[number]"
>;
/** One page (a JSON:API document) of a paged list. */
export type PagedDocument<P extends PagedPath> = Get<P>["responses"][200]["content"]["application/json"];

export interface PaginateListOptions {
  /** Cancels the page in flight and the iteration. */
  signal?: AbortSignal;
  /** Guard against runaway iteration (client-core's default: 1000 pages). */
  maxPages?: number;
}

/**
 * Every item of a paged EvaluAgent list, fetched a page at a time (client-core's `paginateJsonApi`):
 * the first page, then the `page[number]` of each page's `links.next` until it is `null`. The query
 * (filters, sort, include) is sent with every page; failures throw `ApiError`. `.pages()` yields the
 * whole documents, e.g. to {@link resolveIncluded} their `included` records.
 *
 * ```ts
 * for await (const evaluation of paginateList(client, "/quality/evaluations", { sort: "-published_at" })) …
 * ```
 */
export function paginateList<P extends PagedPath>(
  client: EvaluagentClient,
  path: P,
  query: PagedQuery<P> = {} as PagedQuery<P>,
  { signal, maxPages }: PaginateListOptions = {},
): Paginated<PagedDocument<P>, PagedDocument<P>["data"][number]> {
  return paginateJsonApi<PagedDocument<P>>(
    async (link) => {
      let page: number | undefined;
      if (link) {
        page = Number(link["page[number]"]);
        if (!Number.isInteger(page) || page < 1)
          throw new CxkitError(`pagination stopped: links.next has no page[number] (${path})`, {
            kind: "pagination",
          });
      }
      const get = client.GET as unknown as (p: string, init: object) => Promise<{ response: Response }>;
      return unwrap(
        get(path, {
          params: { query: page ? { ...query, "page[number]": page } : query },
          ...(signal ? { signal } : {}),
        }),
      ) as Promise<PagedDocument<P>>;
    },
    maxPages ? { maxPages } : {},
  );
}

// ---- included ---------------------------------------------------------------------------------------

interface Identifier {
  type: string;
  id: string;
}
interface Resource extends Identifier {
  relationships?: Record<string, { data?: Identifier | readonly Identifier[] | null } | undefined>;
}

type Match<I, Included> = I extends { type: infer T } ? Extract<Included, { type: T }> : never;
/** A linkage resolved: to-many → the included records found; to-one → the record, `null`, or `undefined` when not included. */
type Linked<D, Included> = D extends readonly (infer I)[]
  ? Match<I, Included>[]
  : D extends null
    ? null
    : Match<D, Included> | undefined;
type Rels<R> = R extends { relationships?: infer X } ? NonNullable<X> : never;

/** A resource with its relationships joined to the document's `included` records, typed by `type`. */
export type Resolved<R, Included> = R & {
  related: {
    [K in keyof Required<Rels<R>>]: Linked<
      NonNullable<Rels<R>[K]> extends { data: infer D } ? D : never,
      Included
    >;
  };
};

type Data<D> = D extends { data: infer X } ? X : never;
type IncludedOf<D> = D extends { included?: readonly (infer I)[] } ? I : never;
type ResolvedData<D> =
  Data<D> extends readonly (infer R)[] ? Resolved<R, IncludedOf<D>>[] : Resolved<Data<D>, IncludedOf<D>>;

/**
 * Joins the relationships of a JSON:API document's primary data to its `included` records: each resource
 * gets `related.<relationship>` — for a to-one relationship the included record (typed by its `type`,
 * e.g. a `User` for `evaluator`), `null` when the relationship is empty, or `undefined` when the record
 * was not included (not asked for with `include`); for a to-many relationship the included records found.
 *
 * ```ts
 * const { data } = await client.GET("/quality/evaluations/{id}", { params: { path: { id }, query: { include: ["contact", "evaluator"] } } });
 * const evaluation = resolveIncluded(data!);
 * evaluation.related.evaluator?.attributes.fullname;   // User
 * evaluation.related.contact?.attributes.contact_reference;   // Contact
 * ```
 */
export function resolveIncluded<
  D extends { data: Resource | readonly Resource[]; included?: readonly Identifier[] },
>(document: D): ResolvedData<D> {
  const index = new Map<string, Identifier>();
  for (const record of document.included ?? []) index.set(`${record.type}\u0000${record.id}`, record);
  const find = (i: Identifier) => index.get(`${i.type}\u0000${i.id}`);
  const resolve = (resource: Resource) => {
    const related: Record<string, unknown> = {};
    for (const [name, rel] of Object.entries(resource.relationships ?? {})) {
      const data = rel?.data;
      related[name] = Array.isArray(data)
        ? data.map(find).filter((r) => r !== undefined)
        : data === null
          ? null
          : data
            ? find(data as Identifier)
            : undefined;
    }
    return { ...resource, related };
  };
  const data = document.data;
  return (Array.isArray(data) ? data.map(resolve) : resolve(data as Resource)) as ResolvedData<D>;
}
