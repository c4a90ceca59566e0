/**
 * Regions where Bastion Developer is offered, as `az account list-locations` names them.
 * https://learn.microsoft.com/azure/bastion/quickstart-developer (includes/bastion-developer-regions.md, 2025-09-08)
 */
export const DEVELOPER_REGIONS = [
  'australiacentral', 'australiaeast', 'australiasoutheast', 'brazilsouth', 'canadacentral', 'canadaeast',
  'centralindia', 'centralus', 'centraluseuap', 'eastasia', 'eastus2', 'eastus2euap', 'francecentral',
  'germanywestcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'koreasouth', 'mexicocentral',
  'northcentralus', 'northeurope', 'norwayeast', 'southafricanorth', 'southindia', 'spaincentral', 'swedencentral',
  'switzerlandnorth', 'southeastasia', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus', 'westeurope', 'westus',
];
