// Runs cases on alien-signals. Reads one JSON request a line on stdin,
// {"case", "suite", "params", "scale": {"repeats", "budgetMs"}}, and answers each
// with one JSON line: {"case", "status": "ok", "ms", ...} or
// {"case", "status": "failed"|"error", "detail"}. The Python runner
// (benchmarks/signals/runner.py) times each answer out, as for the Python workers.
import { createInterface } from "node:readline";
import { alien } from "./framework.mjs";
import { CaseFailed, runCellx, runDynamic, runKairo, runSbench } from "./cases.mjs";

const suites = { kairo: runKairo, cellx: runCellx, sbench: runSbench, dynamic: runDynamic };

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let reply;
  try {
    const run = suites[request.suite];
    reply = { status: "ok", ...run(alien, request.case, request.params, request.scale) };
  } catch (e) {
    const status = e instanceof CaseFailed ? "failed" : "error";
    reply = { status, detail: String(e && e.message) };
  }
  process.stdout.write(JSON.stringify({ case: request.case, ...reply }) + "\n");
}
