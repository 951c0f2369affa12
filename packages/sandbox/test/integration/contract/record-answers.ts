import { Readable } from 'node:stream';

interface WithMiddleware {
  middlewareStack: { addRelativeTo(middleware: never, options: { relation: 'after'; toMiddleware: string; name: string }): void };
}

/** Hands every raw answer body an SDK client receives to `keep`, before the SDK deserializes it. */
export function recordRawAnswers(client: WithMiddleware, keep: (operation: string, status: number, text: string) => void): void {
  type Next = (args: object) => Promise<{ response: unknown; output: unknown }>;
  const record = (next: Next, context: { commandName?: string }) => async (args: object) => {
    const result = await next(args);
    const response = result.response as { statusCode: number; body: Readable };
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Buffer));
    const text = Buffer.concat(chunks).toString('utf8');
    response.body = Readable.from([Buffer.from(text)]);
    keep(String(context.commandName).replace(/Command$/, ''), response.statusCode, text);
    return result;
  };
  // The SDK's generic middleware type is wider than this one deserialize step needs.
  client.middlewareStack.addRelativeTo(record as never, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'recordAnswers' });
}
