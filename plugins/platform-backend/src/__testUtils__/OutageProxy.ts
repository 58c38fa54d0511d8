import {
  AddressInfo,
  Server,
  Socket,
  createConnection,
  createServer,
} from 'node:net';

/**
 * A TCP proxy on localhost in front of a database server, which a test can
 * take away and bring back on the same port as a restart of the server
 * would: open connections break, new ones are refused.
 */
export class OutageProxy {
  readonly #target: { host: string; port: number };
  readonly #sockets = new Set<Socket>();
  #server?: Server;
  #port = 0;

  private constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  static async start(target: {
    host: string;
    port: number;
  }): Promise<OutageProxy> {
    const proxy = new OutageProxy(target);
    await proxy.restore();
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** Breaks every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) {
      socket.destroy();
    }
    this.#sockets.clear();
    if (server) {
      await new Promise(resolve => server.close(resolve));
    }
  }

  /** Accepts connections again, on the same port. */
  async restore(): Promise<void> {
    const server = createServer(client => {
      const upstream = createConnection(this.#target);
      for (const [socket, peer] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.#sockets.add(socket);
        socket.on('error', () => peer.destroy());
        socket.on('close', () => {
          this.#sockets.delete(socket);
          peer.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }
}
