// Observability of a side: settings, the categories each resource type sends, and the construct.
export * from './observability-props';
export * from './diagnostic-categories';
export * from './side-observability';
export * from './path-alerts';
export * from './operator-access-targets';
