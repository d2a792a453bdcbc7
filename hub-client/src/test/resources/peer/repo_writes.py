# The same sequence of writes hf4j makes on its own repo (RepoApiParityTest); prints one JSON object.
import json
import sys

from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError

repo = sys.argv[1]
api = HfApi()
out = {}


def status_of(fn):
    try:
        fn()
        return None
    except HfHubHTTPError as e:
        return e.response.status_code


api.create_branch(repo, branch="dev")
api.create_branch(repo, branch="dev", exist_ok=True)
out["branch_again"] = status_of(lambda: api.create_branch(repo, branch="dev"))
api.create_branch(repo, branch="release/v1", revision="dev")
api.create_tag(repo, tag="v1", tag_message="first release", revision="dev")
api.create_tag(repo, tag="v1", exist_ok=True)
out["tag_again"] = status_of(lambda: api.create_tag(repo, tag="v1"))
out["tag_unknown_revision"] = status_of(lambda: api.create_tag(repo, tag="v2", revision="no-such-branch"))
out["delete_file"] = api.delete_file("config.json", repo).commit_message
out["delete_folder"] = api.delete_folder("docs", repo).commit_message
out["delete_files"] = api.delete_files(repo, delete_patterns=["weights/*.bin"]).commit_message
out["files_after_deletes"] = sorted(api.list_repo_files(repo))
refs = api.list_repo_refs(repo)
out["branches"] = sorted(r.name for r in refs.branches)
out["tags"] = [r.name for r in refs.tags]
out["tag_target_is_dev"] = refs.tags[0].target_commit == [r for r in refs.branches if r.name == "dev"][0].target_commit

pr = api.create_pull_request(repo, title="Add notes")
out["pr_created"] = [pr.num, pr.status, pr.is_pull_request, pr.target_branch, pr.git_reference]
info = api.upload_file(path_or_fileobj=b"notes\n", path_in_repo="notes.md", repo_id=repo,
                       revision=pr.git_reference, commit_message="notes")
out["pr_commit_title"] = info.commit_message
comment = api.comment_discussion(repo, pr.num, "Looks good")
out["comment"] = [comment.type, comment.content, comment.author]
details = api.get_discussion_details(repo, pr.num)
out["pr_details"] = [details.status, [e.type for e in details.events], details.conflicting_files, details.target_branch,
                     details.merge_commit_oid]
api.merge_pull_request(repo, pr.num, comment="merging")
details = api.get_discussion_details(repo, pr.num)
head = api.list_repo_commits(repo)[0]
out["merged"] = [details.status, details.merge_commit_oid == head.commit_id, head.title, "notes.md" in api.list_repo_files(repo)]
out["merge_again"] = status_of(lambda: api.merge_pull_request(repo, pr.num))

disc = api.create_discussion(repo, title="A question", description="Why?")
change = api.change_discussion_status(repo, disc.num, "closed", comment="answered")
out["status_change"] = [change.type, change.new_status]
out["discussions"] = [[d.num, d.title, d.status, d.is_pull_request] for d in api.get_repo_discussions(repo)]
out["discussions_open_prs"] = [d.num for d in api.get_repo_discussions(repo, discussion_type="pull_request", discussion_status="open")]

conflict_pr = api.upload_file(path_or_fileobj=b"pr version\n", path_in_repo="README.md", repo_id=repo,
                              commit_message="PR edit", create_pr=True)
api.upload_file(path_or_fileobj=b"main version\n", path_in_repo="README.md", repo_id=repo, commit_message="main edit")
out["conflict_details"] = api.get_discussion_details(repo, conflict_pr.pr_num).conflicting_files
head_before = api.list_repo_commits(repo)[0].commit_id
out["merge_conflict"] = status_of(lambda: api.merge_pull_request(repo, conflict_pr.pr_num))
out["merge_conflict_kept_head"] = api.list_repo_commits(repo)[0].commit_id == head_before
out["conflict_pr_status"] = api.get_discussion_details(repo, conflict_pr.pr_num).status

api.update_repo_settings(repo, private=True, gated="manual")
info = api.model_info(repo)
out["settings"] = [info.private, info.gated]
api.update_repo_settings(repo, gated=False, visibility="public")
info = api.model_info(repo)
out["settings_back"] = [info.private, info.gated]

api.delete_branch(repo, branch="release/v1")
api.delete_tag(repo, tag="v1")
out["delete_branch_missing"] = status_of(lambda: api.delete_branch(repo, branch="release/v1"))
refs = api.list_repo_refs(repo)
out["refs_after_deletes"] = [sorted(r.name for r in refs.branches), [r.name for r in refs.tags]]

api.create_repo(repo + "-taken")
out["move_onto_existing"] = status_of(lambda: api.move_repo(repo, repo + "-taken"))
api.move_repo(repo, repo + "-moved")
out["moved"] = [api.repo_exists(repo + "-moved"), api.model_info(repo).id, api.model_info(repo + "-moved").id]
print(json.dumps(out))
