// A strict TypeScript consumer of the packed @cxkit/client-chatsight, run against the Prism mock, then against
// the packed @cxkit/mock-chatsight MSW handlers through setupServer (msw/node).

import {
  createChatsightClient,
  runCommunityQuery,
  toUtcDateTime,
  ValidationError,
} from "@cxkit/client-chatsight";
import { createChatsightHandlers } from "@cxkit/mock-chatsight";
import { setupServer } from "msw/node";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const baseUrl = process.env.MOCK_URL;
if (!baseUrl) throw new Error("MOCK_URL is not set");
const client = createChatsightClient({ apiKey: "smoke-token", baseUrl });

const timeto = toUtcDateTime(new Date());
const timefrom = toUtcDateTime(new Date(Date.now() - 3_600_000));
const started = await client.POST("/insights/community/query", {
  body: { timefrom, timeto, maxresults: 10, metric: "sentiment" },
});
const jobid = started.data?.response.jobid;
if (!jobid) throw new Error(`no job: ${started.response.status}`);
const status = await client.GET("/insights/community/query/{jobid}", {
  params: { path: { jobid }, query: { view: "status" } },
  headers: { Prefer: "example=finished" },
});
const job = status.data?.response;
if (!job || Array.isArray(job) || job.status !== "Finished") throw new Error("expected a finished job");
// The vendor documentation's own query (a fixed range in May 2021) must not be refused by the client.
const documented = await client.POST("/insights/community/query", {
  body: {
    timefrom: "2021-05-01 00:27:00",
    timeto: "2021-05-04 21:30:00",
    maxresults: 1000,
    metric: "sentiment",
  },
});
if (documented.response.status !== 200) throw new Error(`documented query: ${documented.response.status}`);
try {
  await client.POST("/insights/community/query", {
    body: { timefrom, timeto, maxresults: 5001, metric: "sentiment" },
  });
  throw new Error("maxresults 5001 reached the network");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
}

// In-process, as a user's tests would: the packed MSW handlers answer the client's default base URL
// (a request they do not match is an error, not a network call).
const server = setupServer(...createChatsightHandlers());
server.listen({ onUnhandledRequest: "error" });
let walked: string[] = [];
let rows = 0;
try {
  // The handlers walk a started job through its statuses, one status check at a time.
  const offline = createChatsightClient({ apiKey: "smoke-token" });
  const result = await runCommunityQuery(
    offline,
    { timefrom, timeto, maxresults: 10, metric: "sentiment" },
    { pollIntervalMs: 1, timeoutMs: 30_000, onStatus: (j) => walked.push(j.status) },
  );
  walked.push(result.job.status);
  rows = result.rows.length;
  const anonymous = await fetch("https://api.chatsight.ai/stats/moderation");
  if (anonymous.status !== 401) throw new Error(`MSW without a key: ${anonymous.status}`);
} finally {
  server.close();
}
walked = [...new Set(walked)];
if (walked.at(-1) !== "Finished" || walked.length < 2 || rows === 0)
  throw new Error(`MSW job walked ${walked.join(" → ")}`);
console.log(
  `ok: job ${jobid} ${job.status}; msw: job ${walked.join(" → ")}, ${rows} row(s), 401 without a key`,
);
