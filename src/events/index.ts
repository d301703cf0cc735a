/** The closed-loop engine: state machine, time limits, colours and categories (pure). */
export * from './state-machine';
export * from './illegal-transition.error';
export * from './time-limits';
export * from './colour-rule';
export * from './event-categories';
