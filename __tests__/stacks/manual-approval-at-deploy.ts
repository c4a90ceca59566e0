// The one shared-subscription case synth cannot decide: an automatic consumer naming no
// subscription auto-approves the provider's own, known only at deploy, and a manual consumer names
// a subscription that may be that one. The PLS then carries a precondition that Terraform checks at plan.
import { synth } from '../helpers/synth';

const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const manual = { manualApproval: true, requestMessage: 'please review' };

function preconditions(config: Parameters<typeof synth>[0]): Array<{ condition: string; error_message: string }> {
  const provider = synth(config).stacks['double-nat-provider'] as any;
  const services = Object.values(provider.resource.azurerm_private_link_service) as any[];
  expect(services).toHaveLength(1);
  return services[0].lifecycle?.precondition ?? [];
}

test('a manual consumer naming a subscription beside an automatic one naming none: checked at plan', () => {
  const found = preconditions({ consumers: [{ name: 'auto' }, { name: 'review', subscriptionId: OTHER.toUpperCase(), privateEndpoint: manual }] });
  expect(found).toHaveLength(1);
  expect(found[0].condition).toBe(`\${!contains(["${OTHER}"], lower(data.azurerm_client_config.current.subscription_id))}`);
  expect(found[0].error_message).toContain(`rg-double-nat-review/pe-to-b (subscription ${OTHER.toUpperCase()})`);
  expect(found[0].error_message).toContain("Give that automatic consumer its own subscriptionId, or make it manual too");
});

test('no precondition where synth already knows every subscription, or nothing is manual', () => {
  expect(preconditions({})).toEqual([]);
  expect(preconditions({ consumers: [{ name: 'auto', subscriptionId: '11111111-2222-3333-4444-555555555555' }, { name: 'review', subscriptionId: OTHER, privateEndpoint: manual }] })).toEqual([]);
  expect(preconditions({ consumers: [{ name: 'one', privateEndpoint: manual }, { name: 'two', subscriptionId: OTHER, privateEndpoint: manual }] })).toEqual([]);
});
