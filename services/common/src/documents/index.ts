/** Documents (PDF in the Decree 30 layout, PAdES-signed) and spreadsheets (.xlsx), for the services that issue them. */
export * from './html';
export * from './decree30';
export * from './renderer';
export * from './signing';
export * from './keys';
export * from './store';
export * from './excel';
export * from './routes';
