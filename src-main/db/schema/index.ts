export * from './system';
export * from './customers';
export * from './network';
export * from './billing';
export * from './reports';
export * from './usage';
export * from './privacy';
export * from './portal';
