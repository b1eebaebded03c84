// A browser consumer of the packed @cxkit/client-qemotion, bundled by esbuild (tools/smoke/browser.ts) and
// run in headless Chromium against the Prism mock named by `?mock=`. It writes its result into #result.
import { createQemotionClient, ValidationError } from "@cxkit/client-qemotion";

const out = document.getElementById("result")!;
try {
  const baseUrl = new URLSearchParams(location.search).get("mock");
  if (!baseUrl) throw new Error("no ?mock= URL");
  const client = createQemotionClient({ apiKey: "smoke-key", baseUrl });
  const { data, error, response } = await client.GET("/projects");
  if (!data) throw new Error(`GET /projects: ${response.status} ${JSON.stringify(error)}`);
  let invalid: string | undefined;
  try {
    await client.POST("/projects/{projectId}/verbatims", {
      params: { path: { projectId: 1 } },
      body: { text: "Bonjour", lang: "de" as "fr", creation_date: "2023-02-17", configuration_id: 1 },
    });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    invalid = e.issues.map((issue) => issue.field).join(",");
  }
  out.textContent = JSON.stringify({ projects: data.map((p) => p.name), invalid });
  out.dataset.state = "ok";
} catch (e) {
  out.textContent = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  out.dataset.state = "failed";
}
