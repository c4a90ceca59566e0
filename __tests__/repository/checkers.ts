/**
 * The checkers' own logic, Node-only (the checkers themselves need Go and Python and run as
 * `npm run validate:terraform` / `npm run scan`, docs/checkers.md): checkov's verdict, the
 * suppressions' documentation, and the provider versions the Terraform check builds.
 */
import * as fs from 'fs';
import * as path from 'path';

const { judge } = require('../../checkers/checkov/findings.js');
const { docPath, suppressionsTable, withTable } = require('../../checkers/checkov/suppressions-doc.js');
const { suppressions } = require('../../checkers/checkov/suppressions.json');

const finding = (check_id: string, resource: string) => ({ check_id, check_name: `the ${check_id} rule`, file_path: '/app/stacks/s/cdk.tf.json', resource });
const report = (failed: object[], passed = 5) => ({ check_type: 'terraform', results: { failed_checks: failed }, summary: { passed, failed: failed.length } });
const suppression = (id: string) => ({ id, check: `the ${id} rule`, reason: `why not ${id}` });

describe('checkov verdict (checkers/checkov/findings.js)', () => {
  test('a finding whose check is not suppressed fails the scan and names the resource', () => {
    const verdict = judge(report([finding('CKV_AZURE_1', 'azurerm_linux_virtual_machine.web')]), []);
    expect(verdict.pass).toBe(false);
    expect(verdict.lines).toContain('    /app/stacks/s/cdk.tf.json: azurerm_linux_virtual_machine.web');
  });

  test('findings of suppressed checks pass, with the reason counted', () => {
    const verdict = judge(report([finding('CKV_AZURE_1', 'a.b'), finding('CKV_AZURE_1', 'a.c')]), [suppression('CKV_AZURE_1')]);
    expect(verdict.pass).toBe(true);
    expect(verdict.lines[0]).toBe('suppressed CKV_AZURE_1 the CKV_AZURE_1 rule (2)');
  });

  test('a suppression no finding needs fails the scan, so the list cannot rot', () => {
    const verdict = judge(report([]), [suppression('CKV_AZURE_9')]);
    expect(verdict.pass).toBe(false);
    expect(verdict.lines.at(-1)).toContain('CKV_AZURE_9');
  });

  test('a report that checked nothing fails, as does one of several frameworks with a finding', () => {
    expect(judge(report([], 0), []).pass).toBe(false);
    expect(judge([report([]), report([finding('CKV_AZURE_2', 'x.y')])], []).pass).toBe(false);
    expect(judge([report([]), report([])], []).pass).toBe(true);
  });
});

test('checkov and every package it installs are pinned exactly (checkers/checkov/requirements.txt)', () => {
  const lines = fs.readFileSync(path.join(__dirname, '..', '..', 'checkers', 'checkov', 'requirements.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  expect(lines.filter((l) => !/^[A-Za-z0-9_.-]+==[A-Za-z0-9_.+-]+$/.test(l))).toEqual([]);
  expect(lines).toContain('checkov==3.3.30');
});

describe('suppressions', () => {
  test('each has a check id, what the check asks and a reason', () => {
    for (const s of suppressions) {
      expect(s).toEqual({ id: expect.stringMatching(/^CKV2?_AZURE_\d+$/), check: expect.any(String), reason: expect.any(String) });
      expect(s.reason.length).toBeGreaterThan(40);
    }
    expect(new Set(suppressions.map((s: { id: string }) => s.id)).size).toBe(suppressions.length);
  });

  test('docs/checkers.md lists exactly the suppressions of suppressions.json (node checkers/checkov/suppressions-doc.js)', () => {
    const doc = fs.readFileSync(docPath, 'utf8');
    expect(withTable(doc, suppressionsTable())).toBe(doc);
  });

  test('the table escapes a | in a reason', () => {
    expect(suppressionsTable([{ id: 'CKV_AZURE_1', check: 'a', reason: 'x | y' }])).toContain('x \\| y');
  });
});

describe('provider versions of the Terraform check (checkers/terraform/versions.sh)', () => {
  const versions = fs.readFileSync(path.join(__dirname, '..', '..', 'checkers', 'terraform', 'versions.sh'), 'utf8');
  const pinned = (name: string) => versions.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
  const bindingsOf = (pkg: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', pkg, 'package.json'), 'utf8')).cdktf.provider.version;

  test('random is built at the release the CDKTF bindings were generated from', () => {
    expect(pinned('RANDOM_RELEASE')).toBe(bindingsOf('@cdktf/provider-random'));
  });

  test('the azurerm release the CDKTF bindings were generated from is the one versions.sh says the proxy refuses', () => {
    // When the bindings move, versions.sh (and docs/checkers.md) must say again what the proxy serves.
    expect(pinned('AZURERM_BINDINGS_CDKTF')).toBe(bindingsOf('@cdktf/provider-azurerm'));
  });

  test('every Go module is pinned by version and by module hash', () => {
    for (const tool of ['TERRAFORM', 'AZURERM', 'RANDOM']) {
      expect(pinned(`${tool}_MODULE`)).toMatch(/^github\.com\/[\w-]+\/[\w-]+$/);
      expect(pinned(`${tool}_VERSION`)).toMatch(/^v\d+\.\d+\.\d+(-0\.\d{14}-[0-9a-f]{12})?$/);
      expect(pinned(`${tool}_SUM`)).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    }
  });
});

describe('terraform validate verdict (checkers/terraform/verdict.js)', () => {
  const { judge: validateVerdict } = require('../../checkers/terraform/verdict.js');
  const error = (detail: string) => ({ severity: 'error', summary: 'Extraneous JSON object property', detail, snippet: { context: 'resource.azurerm_private_link_service.pls' } });
  const overrides = { severity: 'warning', summary: 'Provider development overrides are in effect', detail: 'hashicorp/azurerm in /somewhere' };
  const difference = { resourceType: 'azurerm_private_link_service', detail: 'No argument or block type is named "enable_proxy_protocol".', reason: 'renamed in 5.0' };

  test('an error fails the run and is printed with its stack and resource', () => {
    const verdict = validateVerdict({ 'cdktf/app/double-nat-provider': { valid: false, diagnostics: [error('No argument or block type is named "bogus".')] } }, []);
    expect(verdict.pass).toBe(false);
    expect(verdict.lines.join('\n')).toMatch(/INVALID +cdktf\/app\/double-nat-provider\n +ERROR: .*"bogus".*resource\.azurerm_private_link_service\.pls/);
  });

  test('an error a known difference explains passes; the overrides warning is not printed', () => {
    const verdict = validateVerdict({ 'cdktf/a/s': { valid: false, diagnostics: [error(difference.detail), overrides] } }, [difference]);
    expect(verdict.pass).toBe(true);
    expect(verdict.lines.join('\n')).not.toContain('overrides');
  });

  test('a known difference explains its error on its resource type only', () => {
    const elsewhere = { ...error(difference.detail), snippet: { context: 'resource.azurerm_lb.lb' } };
    expect(validateVerdict({ 'cdktf/a/s': { valid: false, diagnostics: [error(difference.detail)] } }, [difference]).pass).toBe(true);
    expect(validateVerdict({ 'cdktf/a/s': { valid: false, diagnostics: [error(difference.detail), elsewhere] } }, [difference]).pass).toBe(false);
  });

  test('a known difference no stack shows any more fails the run, as does no stack at all', () => {
    expect(validateVerdict({ 'cdktf/a/s': { valid: true, diagnostics: [overrides] } }, [difference]).pass).toBe(false);
    expect(validateVerdict({ 'cdktf/a/s': { valid: true, diagnostics: [overrides] } }, []).pass).toBe(true);
    expect(validateVerdict({}, []).pass).toBe(false);
  });

  test('terraform calling a stack invalid without an error diagnostic fails the run', () => {
    expect(validateVerdict({ 'cdktf/a/s': { valid: false, diagnostics: [] } }, []).pass).toBe(false);
  });
});
