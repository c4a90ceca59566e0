// Entry point of `cdktf synth`: reads double-nat.config.json (or the defaults) and writes every stack.
import { isUserError, synthesizeDoubleNat } from './lib/app/synthesize';
import { loadConfig } from './lib/config/load-config';

try {
  synthesizeDoubleNat({ config: loadConfig().config });
} catch (error) {
  if (!isUserError(error)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
