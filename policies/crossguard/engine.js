// The bridge between Pulumi's policy framework and callmap's rule engine. Plain JavaScript (CommonJS, with
// JSDoc types) so that node's own test runner tests it without a build step; index.ts is the pack.
// The rules are not here: they run in the callmap CLI (C#), the one implementation `check MAP` uses too.
"use strict";

const { spawnSync } = require("node:child_process");

/** What `pulumi preview --json` writes for a value known only after apply; callmap reads it as "cannot judge until apply". */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** At most this much SARIF is read back (the CLI bounds its own input at 128 MiB). */
const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * A property value as JSON. @pulumi/policy guards values unknown during a preview: reading one throws
 * an UnknownValueError (proxy.js, unknownCheckingProxy, in @pulumi/policy 1.21). Such a value becomes the unknown sentinel, never a missing value (which
 * would mean the provider's default, and could pass a rule).
 * @param {unknown} value
 * @param {number} depth
 * @returns {unknown}
 */
function plain(value, depth = 0) {
  if (depth > 48) return UNKNOWN;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = [];
    for (let i = 0; i < value.length; i++) items.push(read(value, i, depth));
    return items;
  }
  const result = {};
  for (const key of Object.keys(value)) {
    const v = read(value, key, depth);
    if (v !== undefined) result[key] = v;
  }
  return result;
}

function read(container, key, depth) {
  try {
    return plain(container[key], depth + 1);
  } catch {
    return UNKNOWN;
  }
}

/**
 * The document `callmap check --pulumi-resources -` reads, from @pulumi/policy's PolicyResource list.
 * @param {Array<{urn: string, type: string, props: object, propertyDependencies?: Record<string, Array<{urn: string}>>}>} resources
 */
function toDocument(resources) {
  return {
    resources: resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      props: plain(r.props),
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies ?? {}).map(([name, deps]) => [name, (deps ?? []).map((d) => d.urn)]),
      ),
    })),
  };
}

/**
 * Runs callmap on the resources and returns its findings. Exit 0 and 1 carry a verdict (SARIF on stdout);
 * anything else (bad input, a missing CLI) throws, so a stack is never passed because callmap did not run.
 * @param {object} document
 * @param {{command: string, args?: string[], policies?: string[], cwd?: string}} options
 * @returns {Array<{ruleId: string, level: "error" | "warning", message: string, urn: string | undefined}>}
 */
function check(document, options) {
  const args = [...(options.args ?? []), "check", "--pulumi-resources", "-", "--format", "sarif",
    ...(options.policies ?? []).flatMap((p) => ["--policy", p])];
  const run = spawnSync(options.command, args, { input: JSON.stringify(document), maxBuffer: MAX_OUTPUT, encoding: "utf8", cwd: options.cwd });
  if (run.error) throw new Error(`callmap could not run (${options.command}): ${run.error.message}`);
  if (run.status !== 0 && run.status !== 1) throw new Error(`callmap refused the stack (exit ${run.status}): ${(run.stderr ?? "").trim()}`);
  const sarif = JSON.parse(run.stdout);
  return sarif.runs[0].results
    .filter((r) => !r.suppressions)
    .map((r) => ({
      ruleId: r.ruleId,
      level: r.level,
      message: `${r.ruleId}: ${r.message.text}`,
      urn: r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName,
    }));
}

module.exports = { UNKNOWN, plain, toDocument, check };
