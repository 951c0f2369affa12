import { Readable } from 'node:stream';

export interface Answer {
  operation: string;
  status: number;
  /** The raw body as the service sent it (JSON or XML). */
  text: string;
  /** `x-amzn-errortype`, which REST-JSON services name their errors in. */
  errorType?: string;
}

interface Recordable {
  middlewareStack: { addRelativeTo(middleware: never, options: { relation: 'after'; toMiddleware: string; name: string }): void };
}

/** Keeps every raw answer an SDK client receives, before it deserializes it. */
export function recordAnswers(client: Recordable, answers: Answer[]): void {
  type Next = (args: object) => Promise<{ response: unknown; output: unknown }>;
  const record = (next: Next, context: { commandName?: string }) => async (args: object) => {
    const result = await next(args);
    const response = result.response as { statusCode: number; body: Readable; headers: Record<string, string> };
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Buffer));
    const text = Buffer.concat(chunks).toString('utf8');
    response.body = Readable.from([Buffer.from(text)]);
    const errorType = response.headers['x-amzn-errortype']?.split(':')[0];
    answers.push({ operation: String(context.commandName).replace(/Command$/, ''), status: response.statusCode, text, ...(errorType ? { errorType } : {}) });
    return result;
  };
  // The SDK's generic middleware type is wider than this one deserialize step needs.
  client.middlewareStack.addRelativeTo(record as never, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'recordAnswers' });
}

export async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}
