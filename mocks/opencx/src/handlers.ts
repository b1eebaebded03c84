import { createRequestGuard } from "@cxkit/client-core/server";
import {
  type ChatHistoryItem,
  type ChatSession,
  type Contact,
  type Insight,
  type InsightSearch,
  OPENCX_BASE_URL,
  OPENCX_RULES,
  OPENCX_SPEC,
  type PhoneAgentSummary,
  type paths,
  type Sequence,
  type Training,
} from "@cxkit/client-opencx";
import { HttpResponse, http as msw } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** The client's default base URL: the spec's first server. */
export const OPENCX_MOCK_BASE_URL = OPENCX_BASE_URL;

/** Typed MSW `http` for Open.cx paths, for per-test overrides: `server.use(opencxHttp().get(...))`. */
export const opencxHttp = (baseUrl: string = OPENCX_MOCK_BASE_URL) => createOpenApiHttp<paths>({ baseUrl });

export interface OpencxScenario {
  /** The insights `POST /insights` serves, in this order. Default: {@link mockInsights}(12). */
  insights?: Insight[];
  /** Insights per page of `POST /insights`. Default 5. */
  insightsPageSize?: number;
  /** Items per page of the cursor lists (contacts, chat sessions, history, phone agents). Default 2. */
  pageSize?: number;
}

const ex = examples;
const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 404: "Not Found" };
/** A refusal of the stateful handlers in Open.cx's shape `{statusCode, message, error}`; typed as any response. */
const fail = (status: number, message: string | string[]) =>
  HttpResponse.json({ statusCode: status, message, error: STATUS_TEXT[status] }, { status }) as never;
const notFound = (what: string, id: string) => fail(404, `${what} ${id} not found`);
const now = () => new Date().toISOString();
const clone = <T>(value: T): T => structuredClone(value);

/**
 * `count` insights made from the spec's two documented insights (an open and a resolved one), with
 * distinct ids (`00000000-0000-4000-8000-00000000000n`) and numbers 1…count, for paginated scenarios.
 */
export function mockInsights(count: number): Insight[] {
  const [open, resolved] = [
    ex.getInsight.responses["200"].unresolved,
    ex.getInsight.responses["200"].resolved,
  ];
  return Array.from({ length: count }, (_, i) => ({
    ...clone((i % 2 ? resolved : open) as Insight),
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    insight_number: i + 1,
    occurrence_count: count - i,
  }));
}

/** The insights a `POST /insights` body selects (status, sentiment, counts, number, text, category). */
function selectInsights(all: Insight[], b: InsightSearch): Insight[] {
  const status = b.status ?? "all";
  const selected = all.filter(
    (i) =>
      (status === "all" ||
        (status === "resolved" && i.resolved_at !== null) ||
        (status === "archived" && i.archived_at !== null) ||
        (status === "unresolved" && i.resolved_at === null && i.archived_at === null)) &&
      (b.sentiment == null || i.sentiment === b.sentiment) &&
      (b.minSessions == null || i.occurrence_count >= b.minSessions) &&
      (b.insightNumber == null || i.insight_number === b.insightNumber) &&
      (b.search == null || i.content.toLowerCase().includes(b.search.toLowerCase())) &&
      (b.category == null || i.category?.name === b.category),
  );
  if (!b.sortBy) return selected;
  const sign = b.sortOrder === "asc" ? 1 : -1;
  const key = b.sortBy;
  return selected.sort((x, y) => (x[key] < y[key] ? -sign : x[key] > y[key] ? sign : 0));
}

/**
 * MSW handlers for every Open.cx operation, answering with the spec's examples and keeping state like
 * the API: contacts, chat sessions (with their history), phone agents, sequences (runs, start and
 * cancel) and training entries can be created, read, listed, changed and deleted; unknown ids answer
 * 404. `POST /insights` pages through `scenario.insights`. Cursor lists page by `scenario.pageSize`.
 *
 * The first handler is the spec's guard (client-core's `createRequestGuard` over `OPENCX_SPEC` and
 * `OPENCX_RULES`): a request without the credentials the spec's security schemes ask for gets 401, a body
 * of another media type 415, and one that breaks the spec's constraints (or a rule) 400 naming every
 * field, in Open.cx's error shape, as the Prism mock answers. The handlers after it see valid requests only.
 */
export function createOpencxHandlers(baseUrl: string = OPENCX_MOCK_BASE_URL, scenario: OpencxScenario = {}) {
  const http = opencxHttp(baseUrl);
  const insights = scenario.insights ?? mockInsights(12);
  const insightsPageSize = scenario.insightsPageSize ?? 5;
  const pageSize = scenario.pageSize ?? 2;
  let nextId = 0;
  const newId = () => `0c0c0c0c-0000-4000-8000-${String(++nextId).padStart(12, "0")}`;

  const contacts = new Map<string, Contact>(
    (ex.listContacts.responses["200"].lastPage.items as Contact[]).map((c) => [c.id, clone(c)]),
  );
  const sessionExample = ex.getChatSession.responses["200"].handedOff as ChatSession;
  const sessions = new Map<string, ChatSession>([[sessionExample.id, clone(sessionExample)]]);
  const history = new Map<string, ChatHistoryItem[]>([
    [sessionExample.id, clone(ex.listChatSessionHistory.responses["200"].handoff.items as ChatHistoryItem[])],
  ]);
  const agents = new Map<string, PhoneAgentSummary>(
    ex.listPhoneAgents.responses["200"].agents.items.map((a) => [a.id, clone(a)]),
  );
  const sequenceExample = ex.getSequence.responses["200"].running as Sequence;
  const sequences = new Map<string, Sequence>([[sequenceExample.custom_id!, clone(sequenceExample)]]);
  /** Run id → sequence id. */
  const runs = new Map<string, string>();
  const trainingExample = ex.getTraining.responses["200"].published as Training;
  const trainings = new Map<string, Training>([[trainingExample.id, clone(trainingExample)]]);

  const findSequence = (id: string) =>
    sequences.get(id) ?? [...sequences.values()].find((s) => s.custom_id === id);

  /** One page of a cursor list; the cursor is the offset, opaque to clients. */
  const cursorPage = <T>(items: T[], cursor: string | null) => {
    const offset = cursor ? Number(atob(cursor).replace(/^offset:/, "")) : 0;
    if (!Number.isInteger(offset) || offset < 0) return undefined;
    const end = offset + pageSize;
    return { items: items.slice(offset, end), next: end < items.length ? btoa(`offset:${end}`) : null };
  };
  const invalidCursor = () => fail(400, ["cursor is invalid"]);

  const guard = createRequestGuard(OPENCX_SPEC, baseUrl, OPENCX_RULES);
  const _base = new URL(baseUrl).pathname.replace(/\/$/, "");

  return [
    // Auth and validation for every operation, from the spec; undefined falls through to the handlers.
    msw.all(`${baseUrl.replace(/\/$/, "")}/*`, ({ request }) => guard(request)),

    // ---------- customer insights ----------
    http.post("/insights", async ({ request, response }) => {
      const body = await request.json();
      const selected = selectInsights(insights, body);
      const page = body.page ?? 1;
      return response(200).json({
        data: selected.slice((page - 1) * insightsPageSize, page * insightsPageSize),
        page,
        total: selected.length,
        totalPages: Math.ceil(selected.length / insightsPageSize),
      });
    }),
    http.get("/insights/categories", ({ query, response }) => {
      const search = query.get("search")?.toLowerCase();
      const categories = ex.listInsightCategories.responses["200"].categories.filter(
        (c) => !search || `${c.name} ${c.description ?? ""}`.toLowerCase().includes(search),
      );
      return response(200).json(categories);
    }),
    http.get("/insights/{id}", ({ params, response }) => {
      const insight = insights.find((i) => i.id === params.id);
      return insight ? response(200).json(insight) : notFound("Insight", params.id);
    }),

    // ---------- contacts ----------
    http.post("/contacts", async ({ request, response }) => {
      const { contact } = await request.json();
      const id = newId();
      contacts.set(id, {
        id,
        email: contact.email ?? null,
        phone_number: contact.phone ?? null,
        name: contact.name ?? null,
        custom_data: contact.custom_data ?? null,
      });
      return response(201).json({ id });
    }),
    http.get("/contacts", ({ query, response }) => {
      const page = cursorPage([...contacts.values()], query.get("cursor"));
      return page ? response(200).json(page) : invalidCursor();
    }),
    http.patch("/contacts/{contact_id}", async ({ request, params, response }) => {
      const contact = contacts.get(params.contact_id);
      if (!contact) return notFound("Contact", params.contact_id);
      const { contact: c } = await request.json();
      if (c.email !== undefined) contact.email = c.email;
      if (c.phone !== undefined) contact.phone_number = c.phone;
      if (c.name !== undefined) contact.name = c.name;
      if (c.custom_data !== undefined) contact.custom_data = { ...contact.custom_data, ...c.custom_data };
      return response(200).empty();
    }),
    http.delete("/contacts/{contact_id}", ({ params, response }) => {
      return contacts.delete(params.contact_id)
        ? response(200).empty()
        : notFound("Contact", params.contact_id);
    }),

    // ---------- chat sessions ----------
    http.post("/chat/sessions", async ({ request, response }) => {
      const body = await request.json();
      const contact = body.contact_id ? contacts.get(body.contact_id) : undefined;
      if (body.contact_id && !contact) return notFound("Contact", body.contact_id);
      const id = newId();
      const at = now();
      sessions.set(id, {
        id,
        status: "open",
        channel: body.channel ?? { type: "api" },
        contact: contact ? clone(contact) : null,
        handoff: null,
        created_at: at,
        updated_at: at,
      });
      history.set(id, []);
      return response(201).json({ id });
    }),
    http.get("/chat/sessions", ({ query, response }) => {
      const status = query.get("status");
      const channel = query.get("channel_type");
      const handedOff = query.get("handed_off");
      const selected = [...sessions.values()].filter(
        (s) =>
          (!status || s.status === status) &&
          (!channel || s.channel.type === channel) &&
          (handedOff === null || String(s.handoff != null) === handedOff),
      );
      const page = cursorPage(selected, query.get("cursor"));
      return page ? response(200).json(page) : invalidCursor();
    }),
    http.post("/chat/sessions/filter", async ({ request, response }) => {
      const { page = 1, limit = 25, sort_by = "last_message_at", sort_order = "desc" } = await request.json();
      const key = sort_by === "created_at" ? "created_at" : "updated_at";
      const sign = sort_order === "asc" ? 1 : -1;
      const all = [...sessions.values()].sort((x, y) => sign * String(x[key]).localeCompare(String(y[key])));
      return response(200).json({
        data: all.slice((page - 1) * limit, page * limit),
        page,
        limit,
        has_next: page * limit < all.length,
        has_previous: page > 1,
      });
    }),
    http.get("/chat/sessions/{session_id}", ({ params, response }) => {
      const session = sessions.get(params.session_id);
      return session ? response(200).json(session) : notFound("Session", params.session_id);
    }),
    http.patch("/chat/sessions/{session_id}", async ({ request, params, response }) => {
      const session = sessions.get(params.session_id);
      if (!session) return notFound("Session", params.session_id);
      const { status } = await request.json();
      if (status) session.status = status;
      session.updated_at = now();
      return response(200).empty();
    }),
    http.post("/chat/sessions/{session_id}/send", async ({ request, params, response }) => {
      const session = sessions.get(params.session_id);
      if (!session) return notFound("Session", params.session_id);
      const { message } = await request.json();
      const reply = clone(ex.sendChatMessage.responses["201"].current);
      const events = history.get(params.session_id)!;
      const at = now();
      events.push({
        created_at: at,
        event: { type: "message", sender: { type: "contact" }, content: message },
      });
      events.push({
        created_at: at,
        event: {
          type: "message",
          sender: { type: "ai" },
          content: { type: "text", text: reply.data.autopilotResponse.value.content },
        },
      });
      session.updated_at = at;
      return response(201).json(reply);
    }),
    http.get("/chat/sessions/{session_id}/history", ({ params, query, response }) => {
      const events = history.get(params.session_id);
      if (!events) return notFound("Session", params.session_id);
      const page = cursorPage(events, query.get("cursor"));
      return page ? response(200).json(page) : invalidCursor();
    }),

    // ---------- AI phone agents ----------
    http.post("/phone/buy", async ({ request, response }) => {
      const { area_code, name } = await request.json();
      const id = newId();
      const phone_number = `+1${area_code}555${String(nextId).padStart(4, "0").slice(-4)}`;
      agents.set(id, { id, name: name ?? null, phone_number });
      return response(201).json({ id, phone_number });
    }),
    http.get("/phone", ({ query, response }) => {
      const page = cursorPage([...agents.values()], query.get("cursor"));
      return page ? response(200).json(page) : invalidCursor();
    }),
    http.patch("/phone/{phone_number_id}", async ({ request, params, response }) => {
      const agent = agents.get(params.phone_number_id);
      if (!agent) return notFound("Phone agent", params.phone_number_id);
      const { name } = await request.json();
      if (name !== undefined) agent.name = name;
      return response(200).empty();
    }),
    http.delete("/phone/{phone_number_id}", ({ params, response }) => {
      return agents.delete(params.phone_number_id)
        ? response(200).empty()
        : notFound("Phone agent", params.phone_number_id);
    }),
    http.post("/phone/{phone_number_id}/call", ({ params, response }) => {
      return agents.has(params.phone_number_id)
        ? response(201).empty()
        : notFound("Phone agent", params.phone_number_id);
    }),

    // ---------- AI email and actions ----------
    http.post("/email", ({ response }) => response(201).empty()),
    http.put("/actions", ({ response }) => response(200).empty()),
    http.delete("/actions", ({ response }) => response(200).empty()),

    // ---------- AI outbound sequencing ----------
    http.post("/sequences", async ({ request, response }) => {
      const body = await request.json();
      const id = newId();
      sequences.set(id, {
        name: body.name ?? "New Sequence",
        custom_id: body.custom_id ?? null,
        is_continuous: body.is_continuous ?? true,
        filter: body.filter,
        steps: body.steps.map((step) => ({ ...step, started_at: null, ended_at: null })),
        started_at: null,
        canceled_at: null,
        ended_at: null,
      });
      return response(201).json({ id });
    }),
    http.get("/sequences/{sequence_id}", ({ params, response }) => {
      const sequence = findSequence(params.sequence_id);
      return sequence ? response(200).json(sequence) : notFound("Sequence", params.sequence_id);
    }),
    http.patch("/sequences/{sequence_id}", async ({ request, params, response }) => {
      const sequence = findSequence(params.sequence_id);
      if (!sequence) return notFound("Sequence", params.sequence_id);
      const { steps, ...rest } = await request.json();
      Object.assign(sequence, rest);
      if (steps) sequence.steps = steps.map((step) => ({ ...step, started_at: null, ended_at: null }));
      return response(200).empty();
    }),
    http.put("/sequences/{sequence_id}/start", ({ params, response }) => {
      const sequence = findSequence(params.sequence_id);
      if (!sequence) return notFound("Sequence", params.sequence_id);
      if (sequence.is_continuous) return fail(400, "Only one-off sequences can be started");
      if (sequence.canceled_at) return fail(400, "A canceled sequence cannot be started");
      sequence.started_at ??= now();
      return response(200).empty();
    }),
    http.put("/sequences/{sequence_id}/cancel", ({ params, response }) => {
      const run = runs.get(params.sequence_id);
      if (run) {
        runs.delete(params.sequence_id);
        return response(200).empty();
      }
      const sequence = findSequence(params.sequence_id);
      if (!sequence) return notFound("Sequence", params.sequence_id);
      sequence.canceled_at ??= now();
      return response(200).empty();
    }),
    http.post("/sequences/{sequence_id}/contacts", ({ params, response }) => {
      const sequence = findSequence(params.sequence_id);
      if (!sequence) return notFound("Sequence", params.sequence_id);
      if (!sequence.is_continuous) return fail(400, "Contacts can only be added to continuous sequences");
      const run_id = newId();
      runs.set(run_id, params.sequence_id);
      return response(201).json({ run_id });
    }),

    // ---------- AI training ----------
    http.post("/training", async ({ request, response }) => {
      const body = await request.json();
      const id = newId();
      const at = now();
      const training: Training = {
        ...body,
        id,
        type: body.type ?? "BEHAVIORAL",
        is_draft: body.is_draft ?? false,
        draft_title: null,
        draft_content: null,
        current_version: body.is_draft ? null : 1,
        published_at: body.is_draft ? null : at,
        created_at: at,
        updated_at: at,
      };
      trainings.set(id, training);
      return response(201).json(training);
    }),
    http.get("/training/{training_id}", ({ params, response }) => {
      const training = trainings.get(params.training_id);
      return training ? response(200).json(training) : notFound("Training", params.training_id);
    }),
    http.put("/training/{training_id}", async ({ request, params, response }) => {
      const training = trainings.get(params.training_id);
      if (!training) return notFound("Training", params.training_id);
      const body = await request.json();
      const updated: Training = {
        ...training,
        ...body,
        type: body.type ?? training.type,
        is_draft: body.is_draft ?? training.is_draft,
        current_version: (training.current_version ?? 0) + 1,
        updated_at: now(),
      };
      trainings.set(params.training_id, updated);
      return response(200).json(updated);
    }),
    http.delete("/training/{training_id}", ({ params, response }) => {
      return trainings.delete(params.training_id)
        ? response(200).empty()
        : notFound("Training", params.training_id);
    }),
  ];
}
