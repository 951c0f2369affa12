import { createServer } from 'node:http';
import { formatCents, toCents } from '@shop/money';

const port = Number(process.env.PORT ?? 8080);
const catalogue = [
  { sku: 'mug-01', name: 'Mug', price: toCents('12.50') },
  { sku: 'tee-02', name: 'T-shirt', price: toCents('24.00') },
];

const server = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200).end('ok');
    return;
  }
  const body = request.url === '/products'
    ? catalogue.map((item) => ({ ...item, display: formatCents(item.price) }))
    : { service: 'shop-api', version: process.env.APP_VERSION ?? 'dev', greeting: process.env.GREETING ?? 'hello' };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
});
server.listen(port, () => console.log(`shop-api listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
