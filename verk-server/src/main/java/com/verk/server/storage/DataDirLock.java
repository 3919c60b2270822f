package com.verk.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded SQLite mode is single-node: this exclusive lock on {@code verk.lock} in the data
 * folder makes a second process on the same folder refuse to start with a clear message, instead of
 * two dispatchers leasing the same deliveries from one file. The operating system releases the lock
 * when the process dies, even by SIGKILL, so a crash never leaves the folder locked.
 */
final class DataDirLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve("verk.lock");
    try {
      DataDir.prepare(dataDir);
      DataDir.privateFile(file);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "Another Verk process is already using the data folder "
                + dataDir.toAbsolutePath()
                + ". The embedded SQLite mode runs one node only; stop the other process, use"
                + " another VERK_DATA_DIR, or run several nodes on PostgreSQL"
                + " (VERK_DATABASE_URL).");
      }
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock the data folder " + dataDir, e);
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
