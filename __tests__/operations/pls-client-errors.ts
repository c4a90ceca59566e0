/**
 * What a failed `az` call of the approval client says. Found by `npm run check:az`: the message named
 * the first four arguments, so a failed show read "az network private-link-service show -g on pls-b failed".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzPrivateLinkServiceClient } from '../../lib/approval/pls-client';
import { ExecutorError } from '../../lib/shell/executor-error';

function failingAz(stderr: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failing-az-'));
  const bin = path.join(dir, 'az');
  fs.writeFileSync(bin, `#!/bin/sh\nprintf '%s\\n' ${JSON.stringify(stderr)} >&2\nexit 1\n`, { mode: 0o755 });
  return bin;
}

const pls = { resourceGroup: 'rg-double-nat-provider', name: 'pls-b', subscription: '11111111-1111-1111-1111-111111111111' };

test('a failed show is named by its command words and the PLS', async () => {
  const client = new AzPrivateLinkServiceClient(failingAz('ERROR: (ResourceNotFound) was not found'));
  const error = await client.show(pls).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExecutorError);
  expect((error as Error).message).toBe('az network private-link-service show on pls-b failed: ERROR: (ResourceNotFound) was not found');
});

test('a failed update is named by its command words and the PLS', async () => {
  const client = new AzPrivateLinkServiceClient(failingAz('ERROR: (AuthorizationFailed) no'));
  const error = await client.approve(pls, 'partner', 'why').catch((e: unknown) => e);
  expect((error as Error).message).toBe('az network private-link-service connection update on pls-b failed: ERROR: (AuthorizationFailed) no');
});
