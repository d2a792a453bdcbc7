// Uploads one folder with the official JS client (@huggingface/hub, pinned in ../package.json) and prints
// {"ms": <upload time>, "cpuMs": <CPU time of node meanwhile>, "commit": <oid>} on stdout. The time runs from the uploadFiles call to its return,
// as the Java side times uploadFolder: node start-up and module loading are excluded.
//
//   node upload.mjs --hub http://127.0.0.1:PORT --token hf_... --repo user/name --folder DIR [--type model]
//
// Classic LFS only (useXet: false), as the emulator speaks basic and multipart transfers.
import { uploadFiles } from "@huggingface/hub";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error("bad argument: " + argv[i]);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ["hub", "token", "repo", "folder"]) if (!out[k]) throw new Error("missing --" + k);
  return out;
}

const a = args(process.argv.slice(2));
const cpu0 = process.cpuUsage();
const start = performance.now();
const result = await uploadFiles({
  repo: { type: a.type ?? "model", name: a.repo },
  accessToken: a.token,
  hubUrl: a.hub.replace(/\/+$/, ""),
  files: [{ path: "", content: pathToFileURL(a.folder) }],
  commitTitle: "js peer upload",
  useXet: false,
});
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, commit: result?.commit?.oid ?? null }) + "\n");
