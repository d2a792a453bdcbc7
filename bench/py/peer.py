"""The official Python client (huggingface_hub, pinned by test-fixtures/src/main/python/requirements.txt) as a
bench peer. Uploads a folder with upload_folder or downloads a repo with snapshot_download against the emulator,
and prints one JSON line on stdout:

  {"ms": <the call alone>, "cpuMs": <process CPU during the call>, "importMs": <import huggingface_hub>,
   "processCpuMs": <process CPU from start to exit>, "commits": <oid or path>}

The bench times the whole process from outside; "ms" is timed inside, around the call alone (as the Java side
times uploadFolder). HF_HUB_DISABLE_XET=1 in the environment selects the LFS path.

  python peer.py upload   --hub URL --token T --repo user/name --folder DIR
  python peer.py download --hub URL --token T --repo user/name --cache DIR
"""
import json
import sys
import time

t_import = time.perf_counter()
import huggingface_hub  # noqa: E402
from huggingface_hub import HfApi, snapshot_download  # noqa: E402

import_ms = (time.perf_counter() - t_import) * 1000


def args(argv):
    if not argv or argv[0] not in ("upload", "download"):
        raise SystemExit("usage: peer.py upload|download --hub URL --token T --repo R (--folder DIR | --cache DIR)")
    out = {"mode": argv[0]}
    rest = argv[1:]
    if len(rest) % 2:
        raise SystemExit("bad arguments: " + " ".join(rest))
    for k, v in zip(rest[0::2], rest[1::2]):
        if not k.startswith("--"):
            raise SystemExit("bad argument: " + k)
        out[k[2:]] = v
    for k in ("hub", "token", "repo"):
        if k not in out:
            raise SystemExit("missing --" + k)
    return out


a = args(sys.argv[1:])
cpu0 = time.process_time()
t0 = time.perf_counter()
if a["mode"] == "upload":
    info = HfApi(endpoint=a["hub"], token=a["token"]).upload_folder(
        repo_id=a["repo"], folder_path=a["folder"], repo_type="model", commit_message="python peer upload")
    result = info.oid
else:
    result = snapshot_download(a["repo"], repo_type="model", cache_dir=a["cache"], endpoint=a["hub"], token=a["token"])
ms = (time.perf_counter() - t0) * 1000
cpu_ms = (time.process_time() - cpu0) * 1000
print(json.dumps({"ms": ms, "cpuMs": cpu_ms, "importMs": import_ms, "processCpuMs": time.process_time() * 1000,
                  "result": result, "version": huggingface_hub.__version__}))
