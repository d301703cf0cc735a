/** formatError: every error leaves with a code; unexpected ones are logged and hidden in production. */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { codedError, createFormatError, GENERIC_INTERNAL_MESSAGE } from '../../../src/api/errors';
import { StewardError } from '../../../src/services/steward.service';
import { issue } from '../../../src/domain/validation-issue';

/** What Apollo hands formatError for an error thrown by a resolver at `path`. */
function fromResolver(thrown: unknown): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const error = new GraphQLError(thrown instanceof Error ? thrown.message : String(thrown), {
    path: ['grid', 'persons'],
    originalError: thrown instanceof Error ? thrown : undefined,
    extensions: thrown instanceof GraphQLError ? thrown.extensions : undefined,
  });
  const code = (error.extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  return { formatted: { ...error.toJSON(), extensions: { ...error.extensions, code } }, error };
}

function format(thrown: unknown, production: boolean) {
  const logged: string[] = [];
  const f = createFormatError({ production, log: { error: (m) => logged.push(m) } });
  const { formatted, error } = fromResolver(thrown);
  return { out: f(formatted, error), logged };
}

it('keeps a coded GraphQL error as it is', () => {
  const { out, logged } = format(codedError('ILLEGAL_TRANSITION', 'cannot close a reported event', { from: 'reported' }), true);
  expect(out).toMatchObject({ message: 'cannot close a reported event', extensions: { code: 'ILLEGAL_TRANSITION', from: 'reported' } });
  expect(logged).toEqual([]);
});

it.each([
  [new StewardError('a steward decision needs a reason'), 'BAD_USER_INPUT', 'a steward decision needs a reason'],
  [new NotFoundError('Person not found ({ id: 3 })'), 'NOT_FOUND', 'Person not found ({ id: 3 })'],
  [Object.assign(new Error('no such grid 9'), { code: 'NOT_FOUND' }), 'NOT_FOUND', 'no such grid 9'],
])('maps %p to %s', (thrown, code, message) => {
  expect(format(thrown, true).out).toMatchObject({ message, extensions: { code } });
});

it('lists validation issues', () => {
  const e = Object.assign(new Error('invalid citizen ID'), { issues: [issue('citizenId', 'CITIZEN_ID_CHECK_CHAR', '11010519491231002Y', 'check character should be X')] });
  expect(format(e, true).out.extensions).toEqual({ code: 'BAD_USER_INPUT', issues: [{ field: 'citizenId', rule: 'CITIZEN_ID_CHECK_CHAR', message: 'check character should be X' }] });
});

it('turns a constraint violation into CONFLICT without the database detail in production', () => {
  const e = new UniqueConstraintViolationException(new Error('duplicate key value violates unique constraint "person_citizen_id_unique" Key (citizen_id)=(110105194912310021)'));
  const prod = format(e, true).out;
  expect(prod.extensions?.code).toBe('CONFLICT');
  expect(prod.message).not.toMatch(/110105194912310021/);
  expect(format(e, false).out.message).toMatch(/110105194912310021/);
});

it('hides an unexpected error in production, logs it with its stack, keeps it in development', () => {
  const prod = format(new TypeError("Cannot read properties of undefined (reading 'secret')"), true);
  expect(prod.out).toEqual({ message: GENERIC_INTERNAL_MESSAGE, locations: undefined, path: ['grid', 'persons'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(prod.logged).toHaveLength(1);
  expect(prod.logged[0]).toMatch(/GraphQL error at grid\.persons: TypeError: Cannot read properties/);
  const dev = format(new TypeError('boom'), false);
  expect(dev.out).toMatchObject({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
});

it('restores the own code of a validation rule under GRAPHQL_VALIDATION_FAILED', () => {
  const own = new GraphQLError('too deep', { extensions: { code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 } });
  const wrapped = new GraphQLError('too deep', { originalError: own, extensions: { depth: 14, maxDepth: 12, code: 'GRAPHQL_VALIDATION_FAILED' } });
  const f = createFormatError({ production: true, log: { error: () => undefined } });
  expect(f({ message: 'too deep', extensions: { ...wrapped.extensions } }, wrapped).extensions).toEqual({ code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 });
});

it('judges the plain error inside a wrapper without a path (context creation)', () => {
  const inner = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=x');
  const wrapped = new GraphQLError(`Context creation failed: ${inner.message}`, { originalError: inner });
  const logged: string[] = [];
  const f = createFormatError({ production: true, log: { error: (m) => logged.push(m) } });
  expect(f({ message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped)).toEqual({ message: GENERIC_INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(logged).toHaveLength(1);
});
