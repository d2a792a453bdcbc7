package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's documented repository limits (hub-docs {@code storage-limits.md}), checked before any
 * byte moves so that a doomed upload fails at once with a clear message.
 */
final class HubLimits {
  private static final Logger LOG = LoggerFactory.getLogger(HubLimits.class);

  /** Files per repo: "less than 100k". */
  static final int MAX_FILES_PER_REPO = 100_000;
  /** Entries per folder: "cannot exceed 10k files per folder". */
  static final int MAX_ENTRIES_PER_FOLDER = 10_000;
  /** Hard limit per file: 500 GB. */
  static final long MAX_FILE_SIZE = 500L * 1000 * 1000 * 1000;
  /** Recommended maximum per file: 200 GB. */
  static final long RECOMMENDED_FILE_SIZE = 200L * 1000 * 1000 * 1000;
  /** Inline (regular-file) payload of one commit: 1 GB. */
  static final long MAX_INLINE_COMMIT_BYTES = 1000L * 1000 * 1000;

  private HubLimits() {}

  /** Checks the files of one upload: count, per-folder count and sizes. */
  static void check(Collection<UploadItem> items) {
    if (items.size() > MAX_FILES_PER_REPO) {
      throw new HfValidationException("Refusing to upload " + items.size() + " files: a Hub repo holds at most "
          + MAX_FILES_PER_REPO + " files. Pack small files into archives or Parquet, or split the data over several"
          + " repos (https://huggingface.co/docs/hub/storage-limits)");
    }
    Map<String, Integer> perFolder = new HashMap<>();
    for (UploadItem item : items) {
      int slash = item.path.lastIndexOf('/');
      String folder = slash < 0 ? "" : item.path.substring(0, slash);
      Integer seen = perFolder.get(folder);
      int n = seen == null ? 1 : seen + 1;
      perFolder.put(folder, n);
      if (n > MAX_ENTRIES_PER_FOLDER) {
        throw new HfValidationException("Refusing to upload more than " + MAX_ENTRIES_PER_FOLDER + " files into the"
            + " folder '" + (folder.isEmpty() ? "/" : folder) + "': the Hub allows at most " + MAX_ENTRIES_PER_FOLDER
            + " entries per folder. Spread the files over sub-folders (https://huggingface.co/docs/hub/storage-limits)");
      }
      if (item.size > MAX_FILE_SIZE) {
        throw new HfValidationException("Refusing to upload " + item.source() + " (" + item.size + " bytes) as '"
            + item.path + "': the Hub's limit is 500 GB per file. Split it into smaller shards"
            + " (https://huggingface.co/docs/hub/storage-limits)");
      }
      if (item.size > RECOMMENDED_FILE_SIZE) {
        LOG.warn("{} is {} bytes; the Hub recommends files under 200 GB", item.path, item.size);
      }
    }
  }
}
