// byRoute: a `"METHOD /path"` table read by method and path, as the per-call stages read theirs.
import { describe, expect, test } from "vitest";
import { byRoute } from "../src/routes.js";

describe("byRoute", () => {
  const lookup = byRoute({
    "GET /items": "list",
    "POST /items": "create",
    "GET /items/{id}": "one",
    "DELETE /items/{id}": "remove",
  });

  test.each([
    ["GET", "/items", "list"],
    ["POST", "/items", "create"],
    ["GET", "/items/{id}", "one"],
    ["DELETE", "/items/{id}", "remove"],
  ])("%s %s → %s", (method, path, value) => expect(lookup(method, path)).toBe(value));

  test.each([
    ["PUT", "/items"],
    ["get", "/items"],
    ["GET", "/items/"],
    ["GET", "/items/1"],
    ["GET", "/other"],
  ])("%s %s → nothing (methods and templates match exactly)", (method, path) =>
    expect(lookup(method, path)).toBeUndefined(),
  );

  test("an empty or absent table finds nothing", () => {
    expect(byRoute({})("GET", "/items")).toBeUndefined();
    expect(byRoute(undefined)("GET", "/items")).toBeUndefined();
  });

  test("a path holding spaces keeps them (only the first space splits)", () => {
    expect(byRoute({ "GET /a b": 1 })("GET", "/a b")).toBe(1);
  });
});
