// Type tests, checked by `tsc` (npm run typecheck): what the compiler must accept and refuse.
import {
  type CallbackPayload,
  createQemotionClient,
  type Project,
  type ThematicResult,
} from "@cxkit/client-qemotion";
import { expectTypeOf } from "vitest";

const client = createQemotionClient({ apiKey: "k" });

export async function checks() {
  // @ts-expect-error the projectId path parameter is required
  await client.GET("/projects/{projectId}");
  // @ts-expect-error projectId is an integer
  await client.GET("/projects/{projectId}", { params: { path: { projectId: "1" } } });
  // @ts-expect-error unknown path
  await client.GET("/project");

  const { data } = await client.GET("/projects/{projectId}", { params: { path: { projectId: 1 } } });
  expectTypeOf(data).toEqualTypeOf<Project | undefined>();

  await client.POST("/projects/{projectId}/verbatims", {
    params: { path: { projectId: 1 } },
    // @ts-expect-error creation_date and configuration_id are required
    body: { text: "t", lang: "en" },
  });
  await client.POST("/projects/{projectId}/verbatims", {
    params: { path: { projectId: 1 } },
    // @ts-expect-error lang is fr | en
    body: { text: "t", lang: "de", creation_date: "2023-02-17", configuration_id: 1 },
  });
  // configuration_id: integer or the documentation's numeric string
  await client.POST("/projects/{projectId}/verbatims", {
    params: { path: { projectId: 1 } },
    body: { text: "t", lang: "fr", creation_date: "2023-02-17", configuration_id: "23" },
  });

  const created = await client.POST("/projects/{projectId}/verbatims", {
    params: { path: { projectId: 1 } },
    body: { text: "t", lang: "fr", creation_date: "2023-02-17", configuration_id: 23 },
  });
  if (created.data) expectTypeOf(created.data.uuid).toEqualTypeOf<string>();
  if (created.error) expectTypeOf(created.error.errors).toBeArray();

  const thematics = await client.POST("/projects/{projectId}/thematics", {
    params: { path: { projectId: 1 } },
    body: { text: "t", lang: "en" },
  });
  expectTypeOf(thematics.data?.[0]?.thematic_computing_results[0]).toEqualTypeOf<
    ThematicResult | undefined
  >();
  expectTypeOf<CallbackPayload["status"]>().toEqualTypeOf<string | number>();
}
