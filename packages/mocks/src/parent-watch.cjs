// Preloaded (`node --require`) into every Prism process the mock front starts. The front passes one end
// of a pipe as the fd named by CXKIT_PARENT_FD; when the front dies, however it dies (even by SIGKILL),
// the kernel closes its end and this process exits instead of living on as an orphan holding a port.
"use strict";
const fd = Number(process.env.CXKIT_PARENT_FD);
delete process.env.CXKIT_PARENT_FD;

if (Number.isInteger(fd) && fd > 2) {
  const { Socket } = require("node:net");
  const pipe = new Socket({ fd, readable: true, writable: false });
  const exit = () => process.exit(0);
  pipe.on("end", exit).on("close", exit).on("error", exit);
  pipe.resume();
  pipe.unref();
}
