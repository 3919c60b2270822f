package com.verk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dead webhook endpoint: accepts TCP connections and never answers, so every attempt to it runs
 * into the sender's timeout. The sockets are held (not read) until {@link #close()}.
 */
public final class HangingEndpoint implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  public HangingEndpoint() {
    try {
      socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptLoop, "hanging-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Connections accepted so far (one per attempt when the sender does not reuse them). */
  public int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        accepted.incrementAndGet();
        open.add(s);
        if (open.size() > 2_000) {
          open.remove(0).close(); // bounded: the oldest attempts have long timed out
        }
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing at the end of a run
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
