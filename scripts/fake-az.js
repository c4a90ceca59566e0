#!/usr/bin/env node
// A stand-in for the Azure CLI, for `double-nat approve` in tests and CI without Azure: it knows one
// Private Link Service, kept in the JSON file FAKE_AZ_STATE names ({ id, resourceGroup, name,
// privateEndpointConnections: [...] } as `az network private-link-service show` prints it), and
// answers `network private-link-service show` and `... connection update` in the subscription of
// the PLS id (as --subscription), and `account show` with that subscription as the one selected.
// Anything else fails.
'use strict';
const fs = require('fs');

const statePath = process.env.FAKE_AZ_STATE;
const fail = (text) => {
  process.stderr.write(`ERROR: ${text}\n`);
  process.exit(1);
};
if (!statePath) fail('fake az: FAKE_AZ_STATE is not set');
const args = process.argv.slice(2);
fs.appendFileSync(`${statePath}.calls`, `${args.join(' ')}\n`);
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verb = args.slice(0, 4).join(' ');
const subscription = /^\/subscriptions\/([^/]+)\//i.exec(state.id ?? '')?.[1];
// Like Azure: the PLS exists in its own subscription only.
if (verb.startsWith('network private-link-service') && (arg('--subscription') ?? '').toLowerCase() !== (subscription ?? '').toLowerCase()) {
  fail(`(ResourceNotFound) no ${state.name} in subscription ${arg('--subscription')}`);
}
if (verb === 'account show --query id') {
  process.stdout.write(`${subscription}\n`);
} else if (verb === 'network private-link-service show -g') {
  if (arg('-g') !== state.resourceGroup || arg('-n') !== state.name) fail(`(ResourceNotFound) ${arg('-g')}/${arg('-n')} was not found`);
  process.stdout.write(JSON.stringify(state));
} else if (verb === 'network private-link-service connection update') {
  if (arg('-g') !== state.resourceGroup || arg('--service-name') !== state.name) fail('(ResourceNotFound) was not found');
  const connection = state.privateEndpointConnections.find((c) => c.name === arg('-n'));
  if (!connection) fail(`(NotFound) connection ${arg('-n')}`);
  connection.privateLinkServiceConnectionState.status = arg('--connection-status');
  fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
} else {
  fail(`fake az does not know: ${args.join(' ')}`);
}
