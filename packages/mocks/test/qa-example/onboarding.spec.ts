import { expectRequest, requests } from "@cxkit/mocks";
import { beforeEach, expect, inject, test } from "vitest";
import { onboardAgent } from "./system.ts";

const dixa = inject("dixaUrl");
beforeEach(() => fetch(`${dixa}/__cxkit/requests`, { method: "DELETE" }));

test("onboarding creates the agent once, with the name given", async () => {
  await onboardAgent(dixa, "test-key", "Ada", "ada@example.com");
  await expectRequest(
    dixa,
    { method: "POST", path: "/v1/agents", body: { displayName: "Ada" } },
    { times: 1 },
  );
  const [sent] = await requests(dixa, { method: "POST", path: "/v1/agents" });
  expect(sent?.headers.authorization).toBe("[redacted]");
});

test("a wrong expectation says what the closest request had", async () => {
  await onboardAgent(dixa, "test-key", "Ada", "ada@example.com");
  await expect(
    expectRequest(dixa, { method: "POST", path: "/v1/agents", body: { displayName: "Grace" } }),
  ).rejects.toThrow('body.displayName: expected "Grace", got "Ada"');
});
