// A strict TypeScript consumer of the packed @cxkit/client-qemotion, run against the Prism mock, then against
// the packed @cxkit/mock-qemotion MSW handlers through setupServer (msw/node).

import {
  addVerbatimsInBatches,
  createQemotionClient,
  type Project,
  ValidationError,
} from "@cxkit/client-qemotion";
import { createQemotionHandlers } from "@cxkit/mock-qemotion";
import { setupServer } from "msw/node";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const baseUrl = process.env.MOCK_URL;
if (!baseUrl) throw new Error("MOCK_URL is not set");
const client = createQemotionClient({ apiKey: "smoke-key", baseUrl });

const projects: Project[] = (await client.GET("/projects")).data ?? [];
// The documentation's authorization example (GET on the root) and its Ruby/Python project path (/{ID}).
if ((await client.GET("/")).response.status !== 200) throw new Error("the key check failed");
if ((await client.GET("/{projectId}", { params: { path: { projectId: 1 } } })).data?.id === undefined)
  throw new Error("GET /{projectId} answered no project");
if (projects.length === 0) throw new Error("no projects");
// The static mock answers every bulk call with its two-verbatim example, so send two valid ones.
const report = await addVerbatimsInBatches(client, projects[0]!.id, [
  { text: "Smoke test", lang: "en", creation_date: "2023-02-17", configuration_id: 1 },
  { text: "Test de fumée", lang: "fr", creation_date: "2023-02-17T10:47:00.852Z", configuration_id: "1" },
  { text: "Bonjour", lang: "de" as "en", creation_date: "2023-02-17", configuration_id: 1 },
]);
if (
  report.created.length !== 2 ||
  report.invalid[0]?.index !== 2 ||
  report.invalid[0].issues[0]?.field !== "verbatims[2].lang"
)
  throw new Error(JSON.stringify(report));
try {
  await client.POST("/projects/{projectId}/thematics", {
    params: { path: { projectId: 1 } },
    body: { text: "x".repeat(10_001), lang: "fr" },
  });
  throw new Error("a text over 10,000 characters reached the network");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
}

// In-process, as a user's tests would: the packed MSW handlers answer the client's default base URL
// (a request they do not match is an error, not a network call).
const server = setupServer(...createQemotionHandlers());
server.listen({ onUnhandledRequest: "error" });
let mswProjects: Project[];
try {
  const offline = createQemotionClient({ apiKey: "smoke-key" });
  mswProjects = (await offline.GET("/projects")).data ?? [];
  const anonymous = await fetch("https://api-integration.cxinsights.io/projects");
  if (anonymous.status !== 401) throw new Error(`MSW without a key: ${anonymous.status}`);
} finally {
  server.close();
}
if (mswProjects[0]?.name !== projects[0]?.name)
  throw new Error("MSW and Prism disagree on the first project");
console.log(
  `ok: ${projects.length} project(s), bulk created ${report.created.length}, invalid ${report.invalid.length}; ` +
    `msw: ${mswProjects.length} project(s) "${mswProjects[0]?.name}", 401 without a key`,
);
