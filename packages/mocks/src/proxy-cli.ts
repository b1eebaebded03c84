// `cxkit-mocks proxy <vendor> --upstream <url>`: the validating proxy (proxy.ts) in front of the real API.
// Prints the drift report when stopped (SIGINT, SIGTERM, SIGHUP). Only the upstream may be reached: the
// loopback guard is loaded into this process with exactly that host:port allowed.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { mockConfigs } from "./vendors.ts";

export const PROXY_USAGE = `Usage: cxkit-mocks proxy <vendor> --upstream <url> [options]

Forwards every request to <url> unchanged (credentials included) and checks the request and the answer
(status, headers, body) against the vendor's spec; violations go to the journal (GET /__cxkit/requests,
and live in a browser at GET /) and, on exit, into a drift report (operation, status, which field broke
the spec and how).

Options:
  --upstream <url>    the API to forward to (http or https), e.g. https://dev.dixa.io
  --port <n>          port to listen on (default: the vendor's mock port; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --journal <file>    also append every journal entry to this file (JSON Lines)
  --journal-size <n>  entries kept in memory (default 1000)
  --json              print the drift report as JSON
  -h, --help          this text`;

const defaultPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

export async function main(argv: string[]): Promise<void> {
  const fail = (message: string): never => {
    console.error(`cxkit-mocks proxy: ${message}\n\n${PROXY_USAGE}`);
    process.exit(2);
  };
  let parsed: ReturnType<typeof parse> | undefined;
  try {
    parsed = parse(argv);
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed!;
  if (values.help) {
    console.log(PROXY_USAGE);
    process.exit(0);
  }
  const config = mockConfigs().find((c) => c.vendor === positionals[0]);
  if (!config || positionals.length !== 1)
    fail(
      `name one vendor: ${mockConfigs()
        .map((c) => c.vendor)
        .join(", ")}`,
    );
  if (!values.upstream || !URL.canParse(values.upstream)) fail("--upstream <url> is required");
  const upstream = new URL(values.upstream!);
  // Before any connection: exactly the upstream is let through besides loopback.
  process.env.CXKIT_ALLOWED_UPSTREAM = `${upstream.hostname.replace(/^\[|\]$/g, "")}:${defaultPort(upstream)}`;
  createRequire(import.meta.url)("./loopback-guard.cjs");
  const { startProxy } = await import("./proxy.ts");
  const proxy = await startProxy(config!, {
    upstream: upstream.href,
    port: values.port === undefined ? config!.port : Number(values.port),
    host: values.host,
    journal: {
      file: values.journal,
      size: values["journal-size"] ? Number(values["journal-size"]) : undefined,
    },
  }).catch((error: Error) => fail(error.message));
  console.log(`cxkit validating proxy for ${config!.title}: ${proxy.url} → ${upstream.origin}`);
  console.log(`Live page: ${proxy.url}/ — journal: ${proxy.url}/__cxkit/requests.`);
  console.log("Press Ctrl-C to stop and print the drift report.");
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await proxy.close();
    console.log(
      values.json ? JSON.stringify({ ...proxy.drift, rows: proxy.drift.rows() }) : `\n${proxy.drift.text()}`,
    );
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop());
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      upstream: { type: "string" },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      journal: { type: "string" },
      "journal-size": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
