import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Serves the bare repositories under a directory over Git's smart HTTP
 * protocol, with `git http-backend`, optionally behind basic authentication.
 */
export async function startGitServer(options: {
  root: string;
  username?: string;
  password?: string;
}): Promise<{ url(repository: string): string; close(): Promise<void> }> {
  const backend = join(
    execFileSync('git', ['--exec-path']).toString().trim(),
    'git-http-backend',
  );
  const expected =
    options.password &&
    `Basic ${Buffer.from(`${options.username}:${options.password}`).toString(
      'base64',
    )}`;

  const server = http.createServer((request, response) => {
    if (expected && request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const child = spawn(backend, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method ?? 'GET',
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        // A user name turns on pushing (receive-pack).
        REMOTE_USER: 'test',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    request.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let body = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (body) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') {
          status = parseInt(value, 10);
        } else {
          response.setHeader(name, value);
        }
      }
      response.writeHead(status);
      body = true;
      response.write(head.subarray(end + 4));
    });
    child.stdout.on('end', () => response.end());
  });

  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: repository => `http://127.0.0.1:${port}/${repository}`,
    close: () =>
      new Promise<void>((done, fail) =>
        server.close(error => (error ? fail(error) : done())),
      ),
  };
}
