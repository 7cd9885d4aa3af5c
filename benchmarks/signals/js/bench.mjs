// Runs cases on alien-signals. Reads {"requests": [{"case", "suite", "params",
// "scale": {"repeats", "budgetMs"}}, ...]} on stdin and prints one JSON line per case
// as soon as it is done: {"case", "status": "ok", "ms", ...} or
// {"case", "status": "failed"|"error", "detail"}. The Python runner
// (benchmarks/signals/runner.py) times each line out, as for the Python workers.
import { alien } from "./framework.mjs";
import { CaseFailed, runCellx, runDynamic, runKairo, runSbench } from "./cases.mjs";

const suites = { kairo: runKairo, cellx: runCellx, sbench: runSbench, dynamic: runDynamic };

let input = "";
for await (const chunk of process.stdin) input += chunk;
for (const request of JSON.parse(input).requests) {
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
