/**
 * The topology as pictures: an SVG drawing like the article's (two VNets, the two NAT points, the
 * addresses) and a Mermaid flowchart for Markdown.
 */
import { OutboundModel, Topology, showAddress } from './model';

/** A side's outbound in a few words, for titles: the NAT gateway, or that there is none. */
function outboundLabel(outbound: OutboundModel[]): string {
  const gateways = outbound.filter((o) => o.kind === 'natGateway').map((o) => `NAT gateway ${o.natGateway}`);
  if (gateways.length > 0) return gateways.join(', ');
  if (outbound.some((o) => o.kind === 'default')) return 'default outbound (retiring)';
  return outbound.some((o) => o.kind === 'none') ? 'none (private subnet)' : '';
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ports = (topology: Topology) =>
  topology.provider.services.map((s) => `${s.name} ${s.protocol.toLowerCase()}/${s.frontendPort}→${s.backendPort}`).join(', ');

export function renderMermaid(topology: Topology): string {
  const { provider } = topology;
  const id = (text: string) => text.replace(/[^A-Za-z0-9]/g, '_');
  const label = (text: string) => `"${text.replace(/"/g, "'")}"`;
  const lines = ['flowchart LR'];
  topology.consumers.forEach((consumer) => {
    const c = id(consumer.stack);
    lines.push(`  subgraph ${c}[${label(`${consumer.stack}: VNet-A ${consumer.addressSpace?.join(', ') ?? consumer.privateEndpoint.address.subnet}`)}]`);
    lines.push(`    ${c}_vm[${label(`${consumer.clientVm.name}<br/>${showAddress(consumer.clientVm.address)}`)}]`);
    lines.push(`    ${c}_pe[${label(`private endpoint<br/>${showAddress(consumer.privateEndpoint.address)}`)}]`);
    lines.push('  end');
    lines.push(`  ${c}_vm -- ${label(`DNAT: dials ${showAddress(consumer.privateEndpoint.address)}`)} --> ${c}_pe`);
    lines.push(`  ${c}_pe == Private Link ==> pls`);
    if (consumer.operatorAccess) {
      const access = consumer.operatorAccess;
      lines.push(`  ${c}_op([${label(`operator: Bastion ${access.sku}`)}]) -- ${label(`RDP/SSH from ${access.source}`)} --> ${c}_vm`);
    }
    if (consumer.observability) lines.push(`  ${c} -. diagnostics .-> ${c}_logs[(${label(`Log Analytics<br/>${consumer.observability.workspaces.join('<br/>')}`)})]`);
    consumer.outbound.filter((o) => o.kind === 'natGateway').forEach((o) => {
      lines.push(`  ${c}_vm -. ${label('outbound only')} .-> ${c}_nat([${label(`NAT gateway ${o.natGateway}${o.publicIp ? `<br/>public IP ${o.publicIp}` : ''}`)}]) -.-> internet((internet))`);
    });
  });
  lines.push(`  subgraph provider[${label(`${provider.stack}: VNet-B ${provider.addressSpace?.join(', ') ?? ''}`.trim())}]`);
  lines.push(`    pls[${label(`${provider.privateLinkService}<br/>NAT IP ${provider.natIps.map(showAddress).join(', ')}`)}]`);
  lines.push(`    lb[${label(`internal LB frontend<br/>${showAddress(provider.frontend)}`)}]`);
  provider.backendVms.forEach((vm, i) => lines.push(`    vm${i}[${label(`${vm.name}<br/>${showAddress(vm.address)}`)}]`));
  lines.push('  end');
  lines.push(`  pls -- ${label('SNAT: source = NAT IP')} --> lb`);
  if (provider.operatorAccess) {
    lines.push(`  provider_op([${label(`operator: Bastion ${provider.operatorAccess.sku}`)}])`);
    provider.backendVms.forEach((_vm, i) => lines.push(`  provider_op -- ${label(`RDP/SSH from ${provider.operatorAccess!.source}`)} --> vm${i}`));
  }
  provider.backendVms.forEach((vm, i) => {
    const rules = provider.services.filter((s) => s.targets.includes(vm.name)).map((s) => `${s.name} ${s.frontendPort}→${s.backendPort}`);
    lines.push(`  lb -- ${label(rules.join(', ') || 'no rule')} --> vm${i}`);
  });
  if (provider.observability) lines.push(`  provider -. diagnostics .-> provider_logs[(${label(`Log Analytics<br/>${provider.observability.workspaces.join('<br/>')}`)})]`);
  provider.outbound.filter((o) => o.kind === 'natGateway').forEach((o, n) => {
    lines.push(`  provider_nat${n}([${label(`NAT gateway ${o.natGateway}${o.publicIp ? `<br/>public IP ${o.publicIp}` : ''}`)}]) -.-> internet((internet))`);
    o.vms.forEach((vm) => {
      const i = provider.backendVms.findIndex((b) => b.name === vm.name);
      if (i >= 0) lines.push(`  vm${i} -. ${label('outbound only')} .-> provider_nat${n}`);
    });
  });
  return lines.join('\n');
}

/** An SVG drawing: consumers on the left, VNet-B on the right, the NAT points labelled. */
export function renderSvg(topology: Topology): string {
  const { provider } = topology;
  const consumerHeight = 150;
  const gap = 20;
  const vms = provider.backendVms;
  // The backend subnet starts at y=215 and holds the LB box and one 60-high row per VM.
  const height = Math.max(topology.consumers.length * (consumerHeight + gap) + 80, 215 + 110 + Math.max(1, vms.length) * 60 + 40);
  const width = 980;
  const parts: string[] = [];
  const text = (x: number, y: number, content: string, attrs = '') => parts.push(`<text x="${x}" y="${y}"${attrs}>${esc(content)}</text>`);
  const box = (x: number, y: number, w: number, h: number, cls: string) => parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" class="${cls}"/>`);
  const arrow = (x1: number, y1: number, x2: number, y2: number, cls = 'flow') => parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="${cls}" marker-end="url(#arrow)"/>`);

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="13">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    '<style>.vnet{fill:#eef5ff;stroke:#3b73b9;stroke-width:2}.subnet{fill:#fff;stroke:#8fb3e0;stroke-dasharray:4 3}.host{fill:#fff;stroke:#444}.nat{fill:#fff4e0;stroke:#d98b00;stroke-width:2}.flow{stroke:#333;stroke-width:1.6}.link{stroke:#7a3db8;stroke-width:3}.title{font-weight:bold}.tag{fill:#b35c00;font-weight:bold}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  );
  text(20, 28, `Double NAT through ${provider.privateLinkService}: ${ports(topology)}`, ' class="title" font-size="15"');

  // Provider side (VNet-B) on the right.
  const px = 520;
  const pw = 440;
  box(px, 50, pw, height - 70, 'vnet');
  text(px + 12, 72, `${provider.stack}: VNet-B ${provider.addressSpace?.join(', ') ?? ''}${provider.operatorAccess ? ` · Bastion ${provider.operatorAccess.sku}` : ''}${provider.observability ? ` · diagnostics, ${provider.observability.alerts.length} alerts` : ''}`, ' class="title"');
  const providerOutbound = outboundLabel(provider.outbound);
  if (providerOutbound) text(px + pw - 32, 215 + 20, `outbound: ${providerOutbound}`, ' text-anchor="end" font-size="12"');
  box(px + 20, 90, pw - 40, 96, 'subnet');
  text(px + 32, 110, `private-link subnet ${provider.natIps[0]?.subnet ?? ''}`);
  box(px + 40, 120, pw - 80, 52, 'nat');
  text(px + 52, 141, `Private Link Service ${provider.privateLinkService}`);
  text(px + 52, 160, `NAT IP ${provider.natIps.map(showAddress).join(', ')}`, ' class="tag"');

  const by = 215;
  const backendHeight = height - by - 40;
  box(px + 20, by, pw - 40, backendHeight, 'subnet');
  text(px + 32, by + 20, `backend subnet ${provider.frontend.subnet}`);
  box(px + 40, by + 32, pw - 80, 44, 'host');
  text(px + 52, by + 59, `internal Standard LB, frontend ${showAddress(provider.frontend)}`);
  arrow(px + pw / 2, 172, px + pw / 2, by + 32);
  text(px + pw / 2 + 8, by - 10, 'SNAT: source = NAT IP', ' class="tag"');
  vms.forEach((vm, i) => {
    const y = by + 110 + i * 60;
    box(px + 40, y, pw - 80, 42, 'host');
    const rules = provider.services.filter((s) => s.targets.includes(vm.name)).map((s) => `${s.name} ${s.frontendPort}→${s.backendPort}`);
    text(px + 52, y + 17, `${vm.name} (${vm.os}) ${showAddress(vm.address)}`);
    text(px + 52, y + 34, `sees the NAT IP as its peer · ${rules.join(', ') || 'no rule'}`, ' font-size="12"');
    arrow(px + 60, by + 76, px + 60, y);
  });

  // Consumers (VNet-A) on the left.
  topology.consumers.forEach((consumer, i) => {
    const y = 50 + i * (consumerHeight + gap);
    box(20, y, 400, consumerHeight, 'vnet');
    text(32, y + 22, `${consumer.stack}: VNet-A ${consumer.addressSpace?.join(', ') ?? ''}${consumer.operatorAccess ? ` · Bastion ${consumer.operatorAccess.sku}` : ''}${consumer.observability ? ' · diagnostics on' : ''}`, ' class="title"');
    box(40, y + 34, 360, consumerHeight - 50, 'subnet');
    text(52, y + 52, `subnet ${consumer.privateEndpoint.address.subnet}`);
    const consumerOutbound = outboundLabel(consumer.outbound);
    if (consumerOutbound) text(388, y + 52, `outbound: ${consumerOutbound}`, ' text-anchor="end" font-size="12"');
    box(56, y + 64, 150, 58, 'host');
    text(66, y + 86, consumer.clientVm.name);
    text(66, y + 106, showAddress(consumer.clientVm.address));
    box(236, y + 64, 150, 58, 'nat');
    text(246, y + 86, 'private endpoint');
    text(246, y + 106, showAddress(consumer.privateEndpoint.address), ' class="tag"');
    arrow(206, y + 93, 236, y + 93);
    text(150, y + 140, 'DNAT: VM-A dials the endpoint', ' class="tag"');
    parts.push(`<line x1="386" y1="${y + 93}" x2="${px + 40}" y2="146" class="link" marker-end="url(#arrow)"/>`);
  });
  text(430, 44, 'Private Link (by alias, no peering)', ' font-size="12" fill="#7a3db8"');
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
