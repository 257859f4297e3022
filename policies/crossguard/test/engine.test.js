// node --test test/   (from policies/crossguard; needs the .NET SDK to run the callmap CLI, nothing from npm)
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const engine = require("../engine.js");

const root = path.resolve(__dirname, "..", "..", "..");
const fixtures = path.join(root, "tests", "Callmap.Tests", "PulumiStacks", "Fixtures");
const baseline = path.join(root, "policies", "baseline.yaml");

/** The built CLI when there is one (fast), else `dotnet run`; CALLMAP_COMMAND/CALLMAP_ARGS override both. */
function cli() {
  if (process.env.CALLMAP_COMMAND) return { command: process.env.CALLMAP_COMMAND, args: JSON.parse(process.env.CALLMAP_ARGS ?? "[]") };
  const dll = path.join(root, "infra", "Cli", "bin", "Debug", "net10.0", "callmap.dll");
  return fs.existsSync(dll) ? { command: "dotnet", args: [dll] } : { command: "dotnet", args: ["run", "--project", path.join(root, "infra", "Cli"), "--"] };
}

/** A preview fixture as @pulumi/policy hands resources to a stack policy: PolicyResource objects, dependencies as objects. */
function policyResources(fixture) {
  const preview = JSON.parse(fs.readFileSync(path.join(fixtures, fixture), "utf8"));
  const states = preview.steps.filter((s) => s.newState).map((s) => s.newState);
  const resources = states.map((s) => ({ urn: s.urn, type: s.type, name: s.urn.split("::").pop(), props: s.inputs ?? {}, propertyDependencies: {} }));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  states.forEach((s, i) => {
    for (const [name, urns] of Object.entries(s.propertyDependencies ?? {}))
      resources[i].propertyDependencies[name] = urns.map((u) => byUrn.get(u) ?? { urn: u });
  });
  return resources;
}

test("a stack with authoritative IAM and public members is gated with mandatory findings at their URNs", () => {
  const findings = engine.check(engine.toDocument(policyResources("iam-bindings.preview.json")), { ...cli(), policies: [baseline] });

  const mandatory = findings.filter((f) => f.level === "error");
  assert.equal(mandatory.length, 12);
  assert.ok(mandatory.some((f) => f.ruleId === "authoritative-iam"
    && f.urn === "urn:pulumi:staging::catalog::gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding::search-invokers"));
  assert.ok(mandatory.some((f) => f.ruleId === "no-public-members" && f.message.includes("allAuthenticatedUsers holds roles/run.invoker")));
});

test("a clean stack passes, its unknown references followed through the resources' propertyDependencies", () => {
  const findings = engine.check(engine.toDocument(policyResources("clean.preview.json")), { ...cli(), policies: [baseline] });

  assert.deepEqual(findings, []);
});

test("a value the policy framework cannot read during a preview is handed over as unknown and judged as such", () => {
  const resources = policyResources("clean.preview.json");
  const grant = resources.find((r) => r.urn.endsWith("::ci-calls-availability"));
  // @pulumi/policy's unknown-checking proxy throws when a program reads a value unknown at preview time.
  grant.props = new Proxy(grant.props, { get: (t, k) => { if (k === "member") throw new Error("unknown value"); return t[k]; } });

  const document = engine.toDocument(resources);
  assert.equal(document.resources.find((r) => r.urn === grant.urn).props.member, engine.UNKNOWN);
  const findings = engine.check(document, { ...cli(), policies: [baseline] });
  assert.ok(findings.some((f) => f.ruleId === "no-public-members" && f.urn === grant.urn && f.message.includes("cannot judge until apply")));
});

test("when callmap cannot run or refuses its input, the pack throws instead of passing the stack", () => {
  assert.throws(() => engine.check({ resources: [] }, { command: "callmap-command-that-does-not-exist" }), /could not run/);
  assert.throws(() => engine.check({ resources: [] }, { ...cli(), policies: [path.join(fixtures, "no-such-policy.yaml")] }), /refused the stack \(exit 2\)/);
});
