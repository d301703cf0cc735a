/** Access control (访问控制): principals, the capability table, masking, authentication, audit. See README.md. */
export * from './access-error';
export * from './principal';
export * from './masking';
export * from './policy';
export * from './jwt';
export * from './api-key';
export * from './authenticate';
export * from './audit-writer';
export * from './audit-collector';
export * from './field-guard';
export * from './demo-keys';
