import { expect, test } from "vitest";
import { placeholder } from "@cxkit/client-core";

test("resolves source", () => {
  expect(placeholder).toBe(1);
});
