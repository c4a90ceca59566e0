/**
 * Parsing the established-connection lists the probe scripts print. Linux prints `ss -tn` lines,
 * the Windows scripts print the same shape, so one parser serves both.
 */

export interface Socket {
  readonly ip: string;
  readonly port: number;
}

export interface Connection {
  readonly local: Socket;
  readonly peer: Socket;
}

/** "10.0.0.4:3389", "[::ffff:10.0.0.4]:3389" or "::ffff:10.0.0.4:3389" → socket (IPv4 only). */
function parseSocket(text: string): Socket | undefined {
  const match = /^\[?(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})\]?:(\d{1,5})$/i.exec(text);
  return match ? { ip: match[1], port: Number(match[2]) } : undefined;
}

/**
 * Every established TCP connection in a listing. Lines look like
 * "ESTAB 0 0 10.0.0.4:50012 10.0.0.5:3389" (ss), or the same without the state column
 * (`ss state established`); anything else (headers, blank lines, noise) is skipped.
 */
export function parseConnections(output: string): Connection[] {
  const connections: Connection[] = [];
  for (const line of output.split(/\r?\n/)) {
    const sockets = line.trim().split(/\s+/).map(parseSocket).filter((s): s is Socket => s !== undefined);
    if (sockets.length >= 2 && !/^(LISTEN|TIME-WAIT|SYN-SENT|CLOSE)/i.test(line.trim())) {
      connections.push({ local: sockets[0], peer: sockets[1] });
    }
  }
  return connections;
}
