/**
 * A command we run (the Azure CLI, `ip netns exec`) failed, or could not start: the message says
 * which, the hint what to do about it. The probe, approval and the rehearsal throw and catch it.
 */
export class ExecutorError extends Error {
  constructor(message: string, public readonly hint: string) {
    super(message);
    this.name = 'ExecutorError';
  }
}
