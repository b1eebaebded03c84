// Type tests, checked by `tsc` (npm run typecheck).
import {
  createChatsightClient,
  type LanguagePoliticalRow,
  runCommunityQuery,
  type SentimentRow,
} from "@cxkit/client-chatsight";
import { expectTypeOf } from "vitest";

const client = createChatsightClient({ apiKey: "k" });
const window = { timefrom: "2024-05-10 00:00:00", timeto: "2024-05-11 00:00:00", maxresults: 10 };

export async function checks() {
  // @ts-expect-error view is required
  await client.GET("/insights/community/query/{jobid}", { params: { path: { jobid: "j" } } });
  await client.GET("/insights/community/query/{jobid}", {
    // @ts-expect-error view is status | results
    params: { path: { jobid: "j" }, query: { view: "all" } },
  });
  // @ts-expect-error metric is an enum
  await client.POST("/insights/community/query", { body: { ...window, metric: "toxicity" } });

  const sentiment = await runCommunityQuery(client, { ...window, metric: "sentiment" });
  expectTypeOf(sentiment.rows).toEqualTypeOf<SentimentRow[]>();
  expectTypeOf(sentiment.rows[0]!.SENTIMENT).toBeNumber();
  const political = await runCommunityQuery(client, { ...window, metric: "language_political" });
  expectTypeOf(political.rows).toEqualTypeOf<LanguagePoliticalRow[]>();
  // @ts-expect-error political rows have no SENTIMENT column
  political.rows[0]!.SENTIMENT;
}
