/**
 * An axios adapter answering from a handler function: unit tests drive the requester and
 * readStream without any server. A handler returns a response, or throws an AxiosError.
 */
import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

export interface FakeRequest {
  method: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
}

export type FakeReply = { status: number; body: unknown; headers?: Record<string, string> } | { error: string; message?: string };

export function fakeAdapter(handler: (req: FakeRequest, n: number) => FakeReply, log: FakeRequest[] = []): AxiosAdapter {
  return (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const req: FakeRequest = {
      method: (config.method ?? 'get').toUpperCase(),
      url: config.url ?? '',
      params: (config.params ?? {}) as Record<string, string>,
      headers,
      body: typeof config.data === 'string' ? config.data : undefined,
    };
    log.push(req);
    const reply = handler(req, log.length);
    if ('error' in reply) return Promise.reject(new AxiosError(reply.message ?? reply.error, reply.error, config));
    const data = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return Promise.resolve({ data, status: reply.status, statusText: String(reply.status), headers: reply.headers ?? {}, config, request: {} });
  };
}
