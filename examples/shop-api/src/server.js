import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const server = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200).end('ok');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ service: 'shop-api', version: process.env.APP_VERSION ?? 'dev' }));
});
server.listen(port, () => console.log(`shop-api listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
