// Drives the official @huggingface/hub client against the hf4j testkit emulator.
// Usage: node peer.mjs   (configuration through environment variables, see below)
//   HUB_URL   emulator endpoint, no trailing slash
//   HF_TOKEN  a write token of the emulator
//   PEER_DIR  folder to upload (the JUnit test writes it)
//   PEER_NS   namespace to create repos in
// Prints one JSON document on stdout with what the client saw; the JUnit test checks it and the emulator state.
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { createRepo, downloadFile, listFiles, uploadFiles, whoAmI } from "@huggingface/hub";

const hubUrl = process.env.HUB_URL;
const accessToken = process.env.HF_TOKEN;
const folder = process.env.PEER_DIR;
const ns = process.env.PEER_NS;
if (!hubUrl || !accessToken || !folder || !ns) {
  console.error("HUB_URL, HF_TOKEN, PEER_DIR and PEER_NS are required");
  process.exit(2);
}

const out = { repos: {} };
const me = await whoAmI({ hubUrl, accessToken });
out.whoami = { name: me.name, type: me.type, role: me.auth?.accessToken?.role ?? null };

for (const type of ["model", "dataset", "space"]) {
  const repo = { type, name: `${ns}/js-${type}` };
  const created = await createRepo({ repo, hubUrl, accessToken, ...(type === "space" ? { sdk: "gradio" } : {}) });
  const upload = await uploadFiles({
    repo,
    hubUrl,
    accessToken,
    useXet: false,
    commitTitle: `peer upload to a ${type}`,
    files: [{ path: "", content: pathToFileURL(folder) }],
  });
  const entry = { repoUrl: created.repoUrl, commit: upload?.commit?.oid ?? null };

  let conflict = null;
  try {
    await createRepo({ repo, hubUrl, accessToken, ...(type === "space" ? { sdk: "gradio" } : {}) });
  } catch (e) {
    conflict = { statusCode: e.statusCode ?? null, message: e.message };
  }
  entry.conflict = conflict;

  if (type === "model") {
    const again = await uploadFiles({
      repo,
      hubUrl,
      accessToken,
      useXet: false,
      commitTitle: "second upload, nothing changed",
      files: [{ path: "", content: pathToFileURL(folder) }],
    });
    entry.secondCommit = again?.commit?.oid ?? null;

    entry.files = [];
    for await (const f of listFiles({ repo, hubUrl, accessToken, recursive: true })) {
      entry.files.push({ path: f.path, type: f.type, size: f.size, lfsOid: f.lfs?.oid ?? null });
    }
    entry.downloads = {};
    for (const path of ["big.dat", "README.md"]) {
      const blob = await downloadFile({ repo, path, hubUrl, accessToken });
      const bytes = Buffer.from(await blob.arrayBuffer());
      entry.downloads[path] = { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    }
  }
  out.repos[type] = entry;
}

process.stdout.write(JSON.stringify(out) + "\n");
