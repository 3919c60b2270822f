package com.verk.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds the database, uploads and the secrets key file, so only the server's own
 * user may read it: folders the server creates are 0700 and files 0600 (where the file system has
 * POSIX permissions). A folder that already exists is left as it is, with a warning at start when
 * other users can read it.
 */
public final class DataDir {

  private static final Logger log = LoggerFactory.getLogger(DataDir.class);

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private static final Set<Path> warned = ConcurrentHashMap.newKeySet();

  private DataDir() {}

  /** Creates {@code folder} and any missing parents as 0700; warns once if it is open to others. */
  public static Path prepare(Path folder) {
    try {
      if (Files.isDirectory(folder)) {
        warnIfOpen(folder);
      } else if (posix(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
      } else {
        Files.createDirectories(folder);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data folder " + folder, e);
    }
  }

  /** Creates an empty file only the server's user can read, unless it exists already. */
  public static Path privateFile(Path file) {
    try {
      if (posix(file.toAbsolutePath().getParent())) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException exists) {
      // Kept as it is: the operator may have chosen its permissions.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
    return file;
  }

  private static void warnIfOpen(Path folder) throws IOException {
    if (!posix(folder)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
    boolean open =
        permissions.contains(PosixFilePermission.OTHERS_READ)
            || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
            || permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.GROUP_EXECUTE);
    if (open && warned.add(folder.toAbsolutePath().normalize())) {
      log.warn(
          "The data folder {} is readable by other users ({}); it holds the database and webhook"
              + " secrets. Restrict it with: chmod 700 {}",
          folder.toAbsolutePath(),
          PosixFilePermissions.toString(permissions),
          folder.toAbsolutePath());
    }
  }

  private static boolean posix(Path path) {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && Files.getFileAttributeView(
                existing, java.nio.file.attribute.PosixFileAttributeView.class)
            != null;
  }
}
