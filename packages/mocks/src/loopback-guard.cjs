// Loaded with `node --require` into every mock server process, and as a vitest setup file: refuses any
// outgoing TCP connection that is not to a loopback address. Prism fires callbacks to whatever URL a
// request names, so without this a doc example such as https://example.com/hook would leave the machine.
// The validating proxy (`cxkit-mocks proxy`) sets CXKIT_ALLOWED_UPSTREAM to its upstream's `host:port`:
// exactly that one is let through as well, nothing else.
"use strict";
const net = require("node:net");

const isLoopback = (host) =>
  host === undefined ||
  host === "localhost" ||
  host === "::1" ||
  /^127\.\d+\.\d+\.\d+$/.test(host) ||
  /^::ffff:127\./.test(host);

/** Whether a connection to `host:port` is allowed: loopback, or the configured upstream exactly. */
const isAllowed = (host, port) =>
  isLoopback(host) ||
  (process.env.CXKIT_ALLOWED_UPSTREAM ?? "")
    .split(",")
    .some(
      (allowed) =>
        allowed !== "" && allowed.toLowerCase() === `${String(host).toLowerCase()}:${Number(port)}`,
    );

module.exports = { isAllowed };

if (!net.Socket.prototype.__cxkitLoopbackGuard) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    const host =
      typeof options === "object" && options !== null
        ? options.host
        : typeof args[1] === "string"
          ? args[1]
          : undefined;
    const port = typeof options === "object" && options !== null ? options.port : options;
    const isPath = typeof options === "object" && options !== null && typeof options.path === "string";
    if (!isPath && !isAllowed(host, port)) {
      const error = Object.assign(
        new Error(
          `cxkit loopback guard: refused connection to ${host} (only 127.0.0.1/::1/localhost are allowed)`,
        ),
        {
          code: "ECONNREFUSED",
        },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };
  net.Socket.prototype.__cxkitLoopbackGuard = true;
}
