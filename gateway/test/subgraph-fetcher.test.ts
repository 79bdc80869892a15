import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from '../src/subgraph-fetcher';

let server: Server;
let url: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const status = req.url === '/missing' ? 404 : 200;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'max-age=30' });
      res.end(JSON.stringify({ method: req.method, token: req.headers['x-internal-token'] ?? null, echo: body }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the gateway’s fetcher for subgraphs', () => {
  it('sends method, headers and body, and reads status, headers and JSON as the data source expects', async () => {
    const fetcher = subgraphFetcher();
    const response = await fetcher(`${url}/graphql`, { method: 'POST', headers: { 'x-internal-token': 'abc', 'content-type': 'application/json' }, body: '{"query":"{ a }"}' });
    expect([response.ok, response.status]).toEqual([true, 200]);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('max-age=30');
    expect(await response.json()).toEqual({ method: 'POST', token: 'abc', echo: '{"query":"{ a }"}' });
    const missing = await fetcher(`${url}/missing`, { method: 'POST', body: '{}' });
    expect([missing.ok, missing.status]).toEqual([false, 404]);
  });

  it('keeps connections alive: a hundred calls one after another use one connection', async () => {
    const fetcher = subgraphFetcher();
    const before = connections;
    for (let i = 0; i < 100; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
    expect(connections - before).toBe(1);
  });

  it('rejects when the subgraph cannot be reached', async () => {
    await expect(subgraphFetcher()('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
