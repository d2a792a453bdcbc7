package io.hf4j.testkit.internal;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.RepoView;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Repos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Repos} over {@link HubState}. */
public final class ReposImpl implements Repos {
  private final HubState state;

  public ReposImpl(HubState state) {
    this.state = state;
  }

  @Override
  public @Nullable RepoView find(RepoType type, String repoId) {
    return state.find(type.value(), repoId).map(r -> new RepoView(state, r)).orElse(null);
  }

  @Override
  public List<RepoView> list(RepoType type) {
    List<RepoView> out = new ArrayList<>();
    for (RepoData r : state.list(type.value())) {
      out.add(new RepoView(state, r));
    }
    return out;
  }

  @Override
  public RepoView create(RepoType type, String repoId, boolean isPrivate, Map<String, Object> attributes) {
    if (repoId == null || repoId.indexOf('/') <= 0 || repoId.indexOf('/') != repoId.lastIndexOf('/')) {
      throw new IllegalArgumentException("repo id must be namespace/name: " + repoId);
    }
    if ("space".equals(type.value()) && !attributes.containsKey("sdk")) {
      throw new IllegalArgumentException("a Space needs an sdk attribute");
    }
    RepoData r = state.create(type.value(), repoId, isPrivate, attributes, repoId.substring(0, repoId.indexOf('/')),
        attributes);
    return new RepoView(state, r);
  }

  @Override
  public String commit(RepoType type, String repoId, String branch, String title, Map<String, byte[]> files,
      Set<String> deletions) {
    RepoData repo = state.find(type.value(), repoId).orElseThrow(HubError::repoNotFound);
    CommitData head = state.commitAt(repo, branch);
    String gitattributes = files.containsKey(".gitattributes")
        ? new String(files.get(".gitattributes"), java.nio.charset.StandardCharsets.UTF_8)
        : state.textAt(head, ".gitattributes");
    List<HubState.Op> ops = new ArrayList<>();
    for (String d : deletions) {
      ops.add(new HubState.Delete(HubState.validatePath(d)));
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String path = HubState.validatePath(e.getKey());
      byte[] bytes = e.getValue();
      byte[] sample = Arrays.copyOf(bytes, Math.min(512, bytes.length));
      if ("lfs".equals(state.uploadMode(gitattributes, path, bytes.length, sample))) {
        String sha = state.blobs().put(bytes);
        state.mutate(repo, () -> repo.lfsObjects.add(sha));
        ops.add(new HubState.Add(path, FileRef.lfs(sha, bytes.length)));
      } else {
        ops.add(new HubState.Add(path, state.putRegular(bytes)));
      }
    }
    return state.commit(repo, branch, false, null, ops, title, "", repo.namespace()).commitId();
  }

  @Override
  public void setAttribute(RepoType type, String repoId, String name, Object value) {
    RepoData repo = state.find(type.value(), repoId).orElseThrow(HubError::repoNotFound);
    state.mutate(repo, () -> value == null ? repo.attributes.remove(name) : repo.attributes.put(name, value));
  }

  @Override
  public void move(RepoType type, String fromId, String toId) {
    if (toId == null || toId.indexOf('/') <= 0 || toId.indexOf('/') != toId.lastIndexOf('/')) {
      throw new IllegalArgumentException("repo id must be namespace/name: " + toId);
    }
    state.move(type.value(), fromId, toId);
  }

  @Override
  public boolean delete(RepoType type, String repoId) {
    return state.delete(type.value(), repoId);
  }
}
