# Reads with the official client; prints one JSON object (compared with hf4j's answers by RepoApiParityTest).
import json
import sys

from huggingface_hub import HfApi, hf_hub_url
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.hf_api import RepoFile

repo = sys.argv[1]
api = HfApi()
out = {}
out["models_by_author"] = [m.id for m in api.list_models(author="testuser")]
out["models_search"] = [m.id for m in api.list_models(search="bert")]
out["models_filter"] = [m.id for m in api.list_models(filter="vision")]
out["models_sorted"] = [m.id for m in api.list_models(author="testuser", sort="created_at", limit=3)]
out["models_full_siblings"] = sorted(s.rfilename for s in next(iter(api.list_models(search=repo.split("/")[1], full=True))).siblings)
out["models_expand"] = [[m.id, m.private] for m in api.list_models(search="secret", expand=["private"])]
out["datasets"] = [d.id for d in api.list_datasets(author="testuser")]
out["spaces"] = [s.id for s in api.list_spaces(author="testuser")]
try:
    list(api.list_models(sort="stars"))
    out["bad_sort"] = None
except HfHubHTTPError as e:
    out["bad_sort"] = e.response.status_code
out["commits"] = [[c.commit_id, c.title, c.authors] for c in api.list_repo_commits(repo)]
out["commits_formatted"] = [c.formatted_title for c in api.list_repo_commits(repo, formatted=True)][:1]
refs = api.list_repo_refs(repo, include_pull_requests=True)
out["refs"] = {
    "branches": [[r.name, r.ref, r.target_commit] for r in refs.branches],
    "tags": [[r.name, r.ref, r.target_commit] for r in refs.tags],
    "converts": [[r.name, r.ref, r.target_commit] for r in refs.converts],
    "pull_requests": [[r.name, r.ref, r.target_commit] for r in refs.pull_requests],
}
out["refs_no_prs"] = api.list_repo_refs(repo).pull_requests
paths = api.get_paths_info(repo, ["config.json", "weights", "weights/big.bin", "missing.txt"])
out["paths"] = [[p.path, "file" if isinstance(p, RepoFile) else "folder",
                 p.size if isinstance(p, RepoFile) else None,
                 p.blob_id if isinstance(p, RepoFile) else p.tree_id,
                 p.lfs.sha256 if isinstance(p, RepoFile) and p.lfs else None] for p in paths]
meta = api.get_hf_file_metadata(url=hf_hub_url(repo, "weights/big.bin"))
out["meta_lfs"] = [meta.commit_hash, meta.etag, meta.size, meta.xet_file_data.file_hash if meta.xet_file_data else None]
meta = api.get_hf_file_metadata(url=hf_hub_url(repo, "config.json", revision="v1"))
out["meta_regular"] = [meta.commit_hash, meta.etag, meta.size]
out["revision_exists"] = [api.revision_exists(repo, "main"), api.revision_exists(repo, "v1"),
                          api.revision_exists(repo, "nope"), api.revision_exists("testuser/nope", "main")]
out["info_tags"] = api.model_info(repo).tags
print(json.dumps(out))
