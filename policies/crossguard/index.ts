// `pulumi preview --policy-pack policies/crossguard`: gates any Pulumi GCP program with callmap's rules.
// The pack hands the stack's resources to the callmap CLI (`check --pulumi-resources -`), which applies the
// same rules, levels and policy files as `callmap check MAP`; mandatory findings fail the preview.
import * as path from "path";
import { PolicyPack, ReportViolation, StackValidationArgs } from "@pulumi/policy";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const engine = require("./engine.js");

/** The callmap command: CALLMAP_COMMAND (default `callmap`, the dotnet tool), with CALLMAP_ARGS (JSON array) before `check`. */
const command = process.env.CALLMAP_COMMAND ?? "callmap";
const args: string[] = process.env.CALLMAP_ARGS ? JSON.parse(process.env.CALLMAP_ARGS) : [];
/** Policy files: CALLMAP_POLICIES (comma-separated), default the baseline beside this pack. */
const policies = (process.env.CALLMAP_POLICIES ?? path.join(__dirname, "..", "baseline.yaml")).split(",").filter((p) => p.length > 0);

// Both policies read one callmap run per stack.
let last: { resources: unknown; findings: ReturnType<typeof engine.check> } | undefined;
function findings(resources: StackValidationArgs["resources"]) {
  if (last?.resources !== resources) last = { resources, findings: engine.check(engine.toDocument(resources), { command, args, policies }) };
  return last.findings;
}

function report(level: "error" | "warning") {
  return (stack: StackValidationArgs, reportViolation: ReportViolation) => {
    for (const f of findings(stack.resources).filter((x: { level: string }) => x.level === level)) reportViolation(f.message, f.urn);
  };
}

new PolicyPack("callmap", {
  policies: [
    {
      name: "callmap-mandatory",
      description: "callmap's mandatory least-privilege rules (policies/README.md)",
      enforcementLevel: "mandatory",
      validateStack: report("error"),
    },
    {
      name: "callmap-advisory",
      description: "callmap's advisory least-privilege rules (policies/README.md)",
      enforcementLevel: "advisory",
      validateStack: report("warning"),
    },
  ],
});
