/**
 * The shell command the provider stack outputs for approving by hand (without this checkout): it
 * approves only pending connections whose endpoint id is invited, compared case-insensitively as Azure
 * does, and names every other pending one without approving it. Needs bash or sh, az and tr.
 */

/** No `${` in the shell text: Terraform would read it as an interpolation. */
export function approveInvitedCommand(resourceGroup: string, privateLinkService: string, invitedIds: string[]): string {
  // Names of resource groups and services hold no quote (Azure's naming rules), so single quotes are safe.
  const q = (value: string) => `'${value}'`;
  const query = "privateEndpointConnections[?privateLinkServiceConnectionState.status=='Pending'].[name, privateEndpoint.id]";
  return [
    `invited=$(printf '%s' ${q(` ${invitedIds.join(' ')} `)} | tr '[:upper:]' '[:lower:]');`,
    // Listed first, so that a failing az stops the command with its status instead of approving nothing quietly.
    `pending=$(az network private-link-service show -g ${q(resourceGroup)} -n ${q(privateLinkService)} --query "${query}" -o tsv) &&`,
    `printf '%s\\n' "$pending" | while read -r c pe; do`,
    '[ -n "$c" ] || continue;',
    `case "$invited" in *" $(printf '%s' "$pe" | tr '[:upper:]' '[:lower:]') "*)`,
    `az network private-link-service connection update -g ${q(resourceGroup)} --service-name ${q(privateLinkService)} -n "$c" --connection-status Approved -o none < /dev/null && echo "approved $pe";;`,
    '*) echo "NOT approved (not invited, left Pending): $pe";;',
    'esac; done',
  ].join(' ');
}
