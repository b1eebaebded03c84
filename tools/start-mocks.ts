// `npm start`: serves every vendor's mock (Prism with request validation, behind tools/mock-server.ts)
// on its fixed loopback port, prints where, and stops them all on Ctrl-C or SIGTERM.
// Usage: node tools/start-mocks.ts [vendor...]   Port override: CXKIT_<VENDOR>_PORT=<port>
import { mockConfigs, type RunningMock, startMock } from "./mock-server.ts";

const wanted = process.argv.slice(2);
const configs = mockConfigs().filter((c) => wanted.length === 0 || wanted.includes(c.vendor));
if (configs.length === 0) {
  console.error(
    `No mock named ${wanted.join(", ")}. Known: ${mockConfigs()
      .map((c) => c.vendor)
      .join(", ")}`,
  );
  process.exit(2);
}

const running: RunningMock[] = [];
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(running.map((mock) => mock.close()));
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

const results = await Promise.allSettled(
  configs.map((config) => {
    const override = process.env[`CXKIT_${config.vendor.toUpperCase()}_PORT`];
    return startMock(config.vendor, { port: override ? Number(override) : config.port }).then((mock) => {
      running.push(mock);
      return mock;
    });
  }),
);
const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
if (failures.length) {
  for (const failure of failures)
    console.error(`✖ ${failure.reason instanceof Error ? failure.reason.message : failure.reason}`);
  await stop(1);
}

running.sort((a, b) => a.config.port - b.config.port);
const rows = running.map((m) => [m.config.title, m.url, m.config.spec]);
const widths = [0, 1, 2].map((i) =>
  Math.max(...[["vendor", "mock URL", "spec"], ...rows].map((r) => r[i]!.length)),
);
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
console.log(`\ncxkit mocks are up (request validation on):\n\n${line(["vendor", "mock URL", "spec"])}`);
for (const row of rows) console.log(line(row));
const first = running[0]!;
console.log(`\nTry: curl -H 'Authorization: Bearer any-key' ${first.url}${first.config.tryPath ?? "/"}`);
console.log("Press Ctrl-C to stop.");
