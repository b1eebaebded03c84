// Loaded with `node --require` into every mock server process, and as a vitest setup file: refuses any
// outgoing TCP connection that is not to a loopback address. Prism fires callbacks to whatever URL a
// request names, so without this a doc example such as https://example.com/hook would leave the machine.
"use strict";
const net = require("node:net");

const isLoopback = (host) =>
  host === undefined ||
  host === "localhost" ||
  host === "::1" ||
  /^127\.\d+\.\d+\.\d+$/.test(host) ||
  /^::ffff:127\./.test(host);

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
    const isPath = typeof options === "object" && options !== null && typeof options.path === "string";
    if (!isPath && !isLoopback(host)) {
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
