import { placeholder } from "@cxkit/client-core";
import { expect, test } from "vitest";

test("resolves source", () => {
  expect(placeholder).toBe(1);
});
