/**
 * The scripts the probe runs on the VMs, for Linux (bash) and Windows (PowerShell). Both print the
 * connections they see in `ss` shape: "ESTAB <local ip:port> <peer ip:port>".
 */
import { VmOs } from '../private-vm/vm-settings';

/** Seconds the client keeps its probe connection open, so the backend can read its peer meanwhile. */
export const HOLD_SECONDS = 60;

const assertIp = (ip: string) => {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) throw new Error(`not an IPv4 address: ${ip}`);
  return ip;
};
const assertPort = (port: number) => {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${port}`);
  return port;
};

/**
 * On VM-A: open a TCP connection to the endpoint and hold it in the background, then list the
 * connection as VM-A sees it (its peer must be the endpoint: DNAT).
 */
export function clientScript(os: VmOs, ip: string, port: number, holdSeconds = HOLD_SECONDS): string {
  assertIp(ip);
  assertPort(port);
  if (os === 'windows') {
    return [
      `$hold = 'try { $c = New-Object Net.Sockets.TcpClient; $c.Connect(''${ip}'', ${port}); Start-Sleep -Seconds ${holdSeconds} } catch { }'`,
      `Start-Process powershell -WindowStyle Hidden -ArgumentList '-NoProfile','-Command',$hold`,
      'Start-Sleep -Seconds 3',
      `Get-NetTCPConnection -RemoteAddress ${ip} -RemotePort ${port} -State Established -ErrorAction SilentlyContinue |`,
      `  ForEach-Object { "ESTAB $($_.LocalAddress):$($_.LocalPort) $($_.RemoteAddress):$($_.RemotePort)" }`,
    ].join('\n');
  }
  return [
    `nohup bash -c 'exec 3<>/dev/tcp/${ip}/${port} && sleep ${holdSeconds}' >/dev/null 2>&1 &`,
    'sleep 1',
    `ss -Htn state established '( dst ${ip} and dport = :${port} )' | sed 's/^/ESTAB /'`,
  ].join('\n');
}

/** On a backend VM: list the connections established to its service port (their peers: SNAT). */
export function backendScript(os: VmOs, port: number): string {
  assertPort(port);
  if (os === 'windows') {
    return [
      `Get-NetTCPConnection -LocalPort ${port} -State Established -ErrorAction SilentlyContinue |`,
      `  ForEach-Object { "ESTAB $($_.LocalAddress):$($_.LocalPort) $($_.RemoteAddress):$($_.RemotePort)" }`,
    ].join('\n');
  }
  return `ss -Htn state established '( sport = :${port} )' | sed 's/^/ESTAB /'`;
}
