export * from './client';
export {
  RouterConnection,
  attributeWords,
  challengeResponse,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type AttrValue,
  type ConnectionOptions,
} from './connection';
export { API_PORT, API_SSL_PORT, mapSocketError, portOf } from './errors';
export {
  RouterPool,
  parseVersion,
  type ConnectOptions,
  type PoolOptions,
  type RouterHealth,
  type RouterId,
  type RouterStatus,
} from './pool';
export { probeRouter, type RouterProbe } from './probe';
export { realTimers, type Timers } from '../timers';
