/**
 * The staging folders synth writes beside the output folder (`cdktf.out.staging-<pid>`), and the
 * removal of those left behind by a synth that was killed before it could remove its own.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The staging folder of the synth running as `pid`, beside `outdir`. */
export function stagingFolder(outdir: string, pid: number = process.pid): string {
  return `${outdir}.staging-${pid}`;
}

/**
 * True while a process with this id exists. Signal 0 checks without signalling: ESRCH means it is
 * gone; EPERM means it exists under another user, so it is alive and its folder is not ours to take.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the staging folders beside `outdir` whose synth process is gone; a folder of a synth still
 * running (or of this one) is left alone. Returns the folders removed.
 * A pid the system has since given to another process keeps its folder until that process ends too:
 * leaving litter a while longer is the safe side of that rare case.
 */
export function removeAbandonedStagingFolders(outdir: string, alive: (pid: number) => boolean = isProcessAlive): string[] {
  const parent = path.dirname(outdir);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(outdir))}\\.staging-([1-9][0-9]*)$`);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(parent, { withFileTypes: true });
  } catch {
    return []; // No parent yet: nothing was ever staged there.
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry.name)?.[1]);
    if (!entry.isDirectory() || !Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    const folder = path.join(parent, entry.name);
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
