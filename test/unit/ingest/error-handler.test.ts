/**
 * Error classification, table-driven: which outcomes retry, which are rate limits, which fail
 * with a message naming the connector, URL and what to check.
 */
import { classifyOutcome, type Outcome } from '../../../src/ingest/runtime/error-handler';

const ctx = { connector: 'police', url: 'http://feed/police/rk', nowMs: Date.parse('2026-01-01T00:00:00Z'), canReauthenticate: false };
const resp = (status: number, headers: Record<string, string> = {}): Outcome => ({ kind: 'response', status, headers, bodySnippet: '{"code":1}' });
const net = (code: string | undefined, message: string): Outcome => ({ kind: 'network', code, message });

describe('classifyOutcome', () => {
  it.each<[string, Outcome, string, string]>([
    ['500', resp(500), 'retry', 'http_500'],
    ['502 html', resp(502), 'retry', 'http_502'],
    ['503', resp(503), 'retry', 'http_503'],
    ['408', resp(408), 'retry', 'http_408'],
    ['429', resp(429, { 'retry-after': '2' }), 'rate_limited', 'http_429'],
    ['axios timeout', net('ECONNABORTED', 'timeout of 250ms exceeded'), 'retry', 'timeout'],
    ['ETIMEDOUT', net('ETIMEDOUT', 'connect ETIMEDOUT'), 'retry', 'timeout'],
    ['ECONNRESET', net('ECONNRESET', 'read ECONNRESET'), 'retry', 'network'],
    ['ECONNREFUSED', net('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'retry', 'network'],
    ['socket hang up', net(undefined, 'socket hang up'), 'retry', 'network'],
    ['truncated body', net('ERR_BAD_RESPONSE', 'aborted'), 'retry', 'network'],
    ['malformed JSON', { kind: 'bad_body', reason: 'malformed', message: 'Unexpected token' }, 'retry', 'malformed'],
    ['no records array', { kind: 'bad_body', reason: 'no_records', message: 'no array at rows' }, 'retry', 'no_records'],
    ['duplicate page', { kind: 'duplicate_page', message: 'same rows' }, 'retry', 'duplicate_page'],
    ['401', resp(401), 'fail', 'http_401'],
    ['403', resp(403), 'fail', 'http_403'],
    ['404', resp(404), 'fail', 'http_404'],
    ['400', resp(400), 'fail', 'http_400'],
    ['cancelled', net('ERR_CANCELED', 'canceled'), 'fail', 'aborted'],
    ['unknown network error', net('ERR_INVALID_URL', 'Invalid URL'), 'fail', 'network'],
  ])('%s → %s', (_n, outcome, action, reason) => {
    const a = classifyOutcome(outcome, ctx);
    expect(a.action).toBe(action);
    expect(a.reason).toBe(reason);
  });

  it('carries Retry-After (seconds or date) on 429 and 503', () => {
    expect(classifyOutcome(resp(429, { 'retry-after': '2' }), ctx)).toMatchObject({ retryAfterMs: 2000 });
    expect(classifyOutcome(resp(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), ctx)).toMatchObject({ retryAfterMs: 5000 });
  });

  it('fail messages say what to check', () => {
    const m = (o: Outcome) => (classifyOutcome(o, ctx) as { message: string }).message;
    expect(m(resp(401))).toMatch(/^police: 401 Unauthorized from http:\/\/feed\/police\/rk — check the connector's credentials/);
    expect(m(resp(403))).toMatch(/403 Forbidden .* not allowed to read this stream/);
    expect(m(resp(404))).toMatch(/404 Not Found .* check baseUrl and the stream path/);
  });

  it('401 with a refreshable token asks to re-authenticate first', () => {
    expect(classifyOutcome(resp(401), { ...ctx, canReauthenticate: true }).action).toBe('reauthenticate');
  });
});
