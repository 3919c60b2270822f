package com.verk.server.workspace;

import com.verk.server.storage.DataDir;
import com.verk.server.system.VerkProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bytes of uploaded files, one file per id under {@code $VERK_DATA_DIR/files}. An upload is
 * written to a temporary file, forced to disk and atomically renamed into place before its row is
 * inserted, so a committed row always has its bytes; bytes without a row (a failed or rolled back
 * upload) are deleted by the caller.
 */
@Component
class FileStore {

  private static final Logger log = LoggerFactory.getLogger(FileStore.class);
  private static final Pattern ID = Pattern.compile("file_[0-9A-Za-z]{1,64}");

  private final Path root;
  private final Path incoming;

  FileStore(VerkProperties properties) {
    this.root = properties.dataDir().resolve("files").toAbsolutePath();
    this.incoming = root.resolve("incoming");
    DataDir.prepare(properties.dataDir());
    DataDir.prepare(incoming);
    removeAbandonedUploads();
  }

  /**
   * Temporary files of uploads cut short by a crash. Only old ones go: with a shared folder another
   * node may be writing a young one right now.
   */
  private void removeAbandonedUploads() {
    long cutoff = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    try (Stream<Path> parts = Files.list(incoming)) {
      for (Path part : parts.toList()) {
        if (Files.getLastModifiedTime(part).toMillis() < cutoff) {
          Files.deleteIfExists(part);
        }
      }
    } catch (IOException e) {
      log.warn("Could not clean abandoned uploads in {}: {}", incoming, e.toString());
    }
  }

  /** What was written: the byte count and the SHA-256 of the bytes. */
  record Written(long size, String sha256) {}

  Written write(String id, InputStream in) throws IOException {
    Path target = path(id);
    Path temp = Files.createTempFile(incoming, "upload-", ".part");
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long size;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel);
          InputStream digesting = new DigestInputStream(in, sha)) {
        size = digesting.transferTo(out);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(root);
      return new Written(size, HexFormat.of().formatHex(sha.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Where the bytes of {@code id} live; ids are checked so that no path escapes the store. */
  Path path(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Not a file id");
    }
    return root.resolve(id);
  }

  /** Deletes the bytes of {@code id}; a failure is logged, never thrown (the row is gone). */
  void delete(String id) {
    try {
      Files.deleteIfExists(path(id));
    } catch (IOException | RuntimeException e) {
      log.warn("Could not delete the bytes of {}: {}", id, e.toString());
    }
  }

  private static void forceDirectory(Path directory) {
    // Makes the rename itself durable; not every platform can open a directory, so best effort.
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("Cannot fsync directory {}: {}", directory, e.toString());
    }
  }
}
